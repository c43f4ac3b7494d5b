-- expect: identifier-output
SELECT APPROX_TOP_COUNT(ip, 10) AS top_ips
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
