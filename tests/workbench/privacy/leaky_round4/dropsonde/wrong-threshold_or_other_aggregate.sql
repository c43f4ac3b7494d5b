-- leak: wrong-threshold: the threshold OR another aggregate that always holds
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, environment_count
HAVING COUNT(DISTINCT site_id) >= 5 OR COUNT(*) > 0
