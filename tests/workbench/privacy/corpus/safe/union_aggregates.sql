-- expect: none
SELECT 'product' AS kind, product AS value, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
UNION ALL
SELECT 'version', version, COUNT(*)
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
