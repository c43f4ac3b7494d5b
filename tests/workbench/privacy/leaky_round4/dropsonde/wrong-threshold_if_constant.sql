-- leak: wrong-threshold: the threshold is IF(TRUE, 1, 5)
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, environment_count
HAVING COUNT(DISTINCT site_id) >= IF(TRUE, 1, 5)
