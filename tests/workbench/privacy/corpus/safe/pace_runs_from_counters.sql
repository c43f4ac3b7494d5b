-- expect: none
WITH run_deltas AS (
  SELECT
    id,
    point.command_path,
    point.cumulative_count - COALESCE(LAG(point.cumulative_count) OVER (
      PARTITION BY id, point.command_path, point.exit_code ORDER BY timestamp), 0) AS runs
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS point
)
SELECT command_path, SUM(runs) AS runs, COUNT(DISTINCT id) AS installs
FROM run_deltas
GROUP BY command_path
HAVING installs >= 5
