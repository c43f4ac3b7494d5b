-- leak: ordering: FIRST_VALUE(environment_count) OVER (PARTITION BY version ORDER BY site_id) picks the value of the site with the smallest id in each group
SELECT
  version,
  COUNT(DISTINCT site_id) AS sites,
  MAX(first_envs) AS environments_of_first_site
FROM (
  SELECT
    site_id,
    version,
    FIRST_VALUE(environment_count) OVER (PARTITION BY version ORDER BY site_id) AS first_envs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY version
