-- leak: threshold-reuse: a CTE keeps releases of 5 sites, the output is per release and number
WITH big AS (
  SELECT version FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
)
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE version IN (SELECT version FROM big)
GROUP BY version, environment_count
