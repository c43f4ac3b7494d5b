-- leak: exp-base: SUM(2^x): its log2 is the largest site's number
SELECT version, LOG(SUM(SAFE.POW(2.0, environment_count)), 2) AS soft_max
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
