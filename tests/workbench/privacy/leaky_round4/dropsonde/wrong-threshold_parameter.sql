-- leak: wrong-threshold: the threshold is a query parameter: run with @min_sites = 1
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, environment_count
HAVING COUNT(DISTINCT site_id) >= @min_sites
