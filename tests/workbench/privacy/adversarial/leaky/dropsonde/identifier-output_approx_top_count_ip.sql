-- leak: identifier-output: APPROX_TOP_COUNT of ips
SELECT APPROX_TOP_COUNT(ip, 3) AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`
