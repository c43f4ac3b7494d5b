-- leak: identifier-output: an HLL sketch of ips
SELECT version, HLL_COUNT.INIT(ip) AS sketch FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version
