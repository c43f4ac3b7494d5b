-- safe: weekly quartiles of environments per site (PERCENTILE_CONT partitioned by week over one report per site and week)
WITH per_week AS (
  SELECT
    site_id,
    DATE_TRUNC(DATE(timestamp), WEEK) AS week,
    environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
    AND environment_count IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id, DATE_TRUNC(DATE(timestamp), WEEK) ORDER BY timestamp DESC) = 1
),
pct AS (
  SELECT
    week,
    site_id,
    PERCENTILE_CONT(environment_count, 0.25) OVER (PARTITION BY week) AS q1,
    PERCENTILE_CONT(environment_count, 0.5) OVER (PARTITION BY week) AS median,
    PERCENTILE_CONT(environment_count, 0.75) OVER (PARTITION BY week) AS q3
  FROM per_week
)
SELECT
  week,
  MAX(q1) AS q1_environments,
  MAX(median) AS median_environments,
  MAX(q3) AS q3_environments,
  COUNT(DISTINCT site_id) AS sites
FROM pct
GROUP BY week
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY week
