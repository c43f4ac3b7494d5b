-- safe: runs per command per week over eight weeks (LAG differences per install), weeks and commands with at least 5 installs
WITH uploads AS (
  SELECT
    id,
    timestamp,
    metric_points,
    LAG(timestamp) OVER (PARTITION BY id ORDER BY timestamp) AS previous_upload
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 63 DAY)
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
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  command_path,
  SUM(runs) AS runs,
  COUNT(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL
  AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 56 DAY)
GROUP BY week, command_path
HAVING COUNT(DISTINCT id) >= 5
ORDER BY week, runs DESC
