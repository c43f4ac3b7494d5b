-- safe: histogram of sites by number of modules, from each site's latest report of the last week, buckets of at least 5 sites
WITH latest AS (
  SELECT site_id, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  module_count,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY module_count
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY module_count
