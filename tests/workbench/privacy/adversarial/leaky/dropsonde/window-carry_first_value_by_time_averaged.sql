-- leak: window-carry: FIRST_VALUE(environment_count) ordered by time, averaged per release: the average of one site's number repeated is that number
WITH w AS (
  SELECT site_id, version,
    FIRST_VALUE(environment_count) OVER (PARTITION BY version ORDER BY timestamp) AS first_envs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, AVG(first_envs) AS first_site_envs, COUNT(DISTINCT site_id) AS sites
FROM w
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
