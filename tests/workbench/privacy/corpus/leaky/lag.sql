-- expect: identifier-output, row-level
SELECT timestamp, LAG(ip) OVER (ORDER BY timestamp) AS previous_ip
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
