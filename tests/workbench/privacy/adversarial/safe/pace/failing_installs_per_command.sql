-- safe: installs that had at least one failing run of each command in the last 28 days, next to all installs running it; commands with at least 5 failing installs
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
failing AS (
  SELECT DISTINCT id, command_path
  FROM run_deltas
  WHERE previous_upload IS NOT NULL
    AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
    AND exit_code != 0
    AND runs > 0
)
SELECT
  command_path,
  COUNT(DISTINCT id) AS failing_installs
FROM failing
GROUP BY command_path
HAVING COUNT(DISTINCT id) >= 5
ORDER BY failing_installs DESC
