-- leak: row-per-report: the exact time rebuilt from coarse parts as keys
SELECT DATE(timestamp) AS d, EXTRACT(HOUR FROM timestamp) AS h, EXTRACT(MINUTE FROM timestamp) AS mi, EXTRACT(SECOND FROM timestamp) AS s, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY d, h, mi, s
