-- leak: window-carry: LEAD ordered by time per release carries the next report's value; the last of a quiet release is one site's
SELECT version, MAX(next_envs) AS next_envs, COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT site_id, version, LEAD(environment_count) OVER (PARTITION BY version ORDER BY timestamp) AS next_envs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
