-- expect: identifier-output
SELECT product, MIN(ip) AS first_ip
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
