-- expect: identifier-output, row-level
SELECT product, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
UNION ALL
SELECT ip, 1
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
