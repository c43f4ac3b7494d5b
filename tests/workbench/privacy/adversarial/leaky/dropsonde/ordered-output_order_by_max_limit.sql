-- leak: ordered-output: ORDER BY MAX(environment_count) DESC LIMIT 1: the release the largest site runs, though every group is large
SELECT version, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY MAX(environment_count) DESC
LIMIT 1
