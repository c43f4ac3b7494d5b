-- safe: median and 90th percentile of modules per site (PERCENTILE_CONT over per-site counts of the last week)
WITH latest AS (
  SELECT site_id, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
),
pct AS (
  SELECT
    site_id,
    PERCENTILE_CONT(module_count, 0.5) OVER () AS p50,
    PERCENTILE_CONT(module_count, 0.9) OVER () AS p90
  FROM latest
)
SELECT
  MAX(p50) AS median_modules,
  MAX(p90) AS p90_modules,
  COUNT(DISTINCT site_id) AS sites
FROM pct
