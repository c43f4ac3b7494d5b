-- leak: identifier-output: PERCENTILE_DISC of an ip returns one ip
SELECT DISTINCT PERCENTILE_DISC(ip, 0.5) OVER () AS median_ip
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
