-- Modules per site (histogram): how many sites have N public modules installed, using
-- each site's latest report of the last week.
WITH latest AS (
  SELECT site_id, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  CURRENT_DATE() AS date,
  module_count,
  COUNT(*) AS sites
FROM latest
GROUP BY module_count
ORDER BY module_count
