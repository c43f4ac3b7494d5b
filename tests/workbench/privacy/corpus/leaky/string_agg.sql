-- expect: identifier-output
SELECT product, STRING_AGG(ip, ',') AS ips
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
