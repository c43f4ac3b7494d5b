-- leak: edge-value: MAX per version links the biggest site's environment count to its version
SELECT version, MAX(environment_count) AS most, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
