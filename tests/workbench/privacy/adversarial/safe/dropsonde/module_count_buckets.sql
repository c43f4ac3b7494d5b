-- safe: sites per coarse bucket of installed module count (latest report of the last week), buckets of at least 5 sites
WITH latest AS (
  SELECT site_id, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  CASE
    WHEN module_count IS NULL OR module_count = 0 THEN '0'
    WHEN module_count < 10 THEN '1-9'
    WHEN module_count < 25 THEN '10-24'
    WHEN module_count < 50 THEN '25-49'
    ELSE '50+'
  END AS bucket,
  MIN(module_count) AS min_modules,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY bucket
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY min_modules
