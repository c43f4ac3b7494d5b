-- safe: sites per hundred environments (latest report of the last week) with the lowest count of each bucket, buckets of at least 5 sites
WITH latest AS (
  SELECT site_id, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
    AND environment_count IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  DIV(environment_count, 100) * 100 AS from_environments,
  MIN(environment_count) AS lowest,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY from_environments
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY from_environments
