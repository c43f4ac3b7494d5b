-- leak: exp-base: SUM(2^x) of the number (its log2 is the largest site's number)
SELECT version, SUM(SAFE.POW(2.0, environment_count)) AS soft_max
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
