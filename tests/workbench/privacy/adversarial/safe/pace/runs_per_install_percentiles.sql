-- safe: median and 90th percentile of runs per install in the last 28 days (per-install sums in an inner GROUP BY, PERCENTILE_CONT over all installs)
WITH uploads AS (
  SELECT
    id,
    timestamp,
    metric_points,
    LAG(timestamp) OVER (PARTITION BY id ORDER BY timestamp) AS previous_upload
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 35 DAY)
),
run_deltas AS (
  SELECT
    id,
    timestamp,
    previous_upload,
    point.command_path,
    point.exit_code,
    point.cumulative_count - COALESCE(
      LAG(point.cumulative_count) OVER (
        PARTITION BY id, point.command_path, point.exit_code ORDER BY timestamp
      ),
      0
    ) AS runs
  FROM uploads, UNNEST(metric_points) AS point
),
per_install AS (
  SELECT id, SUM(runs) AS total_runs
  FROM run_deltas
  WHERE previous_upload IS NOT NULL
    AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
  GROUP BY id
),
pct AS (
  SELECT
    id,
    PERCENTILE_CONT(total_runs, 0.5) OVER () AS p50,
    PERCENTILE_CONT(total_runs, 0.9) OVER () AS p90
  FROM per_install
)
SELECT MAX(p50) AS median_runs, MAX(p90) AS p90_runs, COUNT(DISTINCT id) AS installs
FROM pct
