-- safe: share of runs ending with a non-zero exit code per command in the last 28 days (runs from LAG differences), commands on at least 5 installs
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
)
SELECT
  command_path,
  SUM(runs) AS runs,
  SUM(IF(exit_code != 0, runs, 0)) AS failed_runs,
  ROUND(SAFE_DIVIDE(SUM(IF(exit_code != 0, runs, 0)), SUM(runs)), 4) AS error_share,
  COUNT(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL
  AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY command_path
HAVING COUNT(DISTINCT id) >= 5
ORDER BY error_share DESC
