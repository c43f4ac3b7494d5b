-- leak: identifier-output: BIT_XOR of a hash of the ip
SELECT version, BIT_XOR(FARM_FINGERPRINT(ip)) AS x, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
