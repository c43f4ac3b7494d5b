-- safe: median number of environments per site in the last week, written as BigQuery's PERCENTILE_CONT examples do (SELECT DISTINCT ... OVER ())
WITH latest AS (
  SELECT site_id, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
    AND environment_count IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT DISTINCT
  PERCENTILE_CONT(environment_count, 0.5) OVER () AS median_environments,
  PERCENTILE_CONT(environment_count, 0.9) OVER () AS p90_environments
FROM latest
