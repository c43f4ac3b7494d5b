-- safe: median and 90th percentile of online worker processes per system (latest post of the last week, PERCENTILE_CONT over all systems)
WITH latest AS (
  SELECT system_id, online_workers.processes AS workers
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
    AND online_workers.processes IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
),
pct AS (
  SELECT
    system_id,
    PERCENTILE_CONT(workers, 0.5) OVER () AS p50,
    PERCENTILE_CONT(workers, 0.9) OVER () AS p90
  FROM latest
)
SELECT MAX(p50) AS median_workers, MAX(p90) AS p90_workers, COUNT(DISTINCT system_id) AS systems
FROM pct
