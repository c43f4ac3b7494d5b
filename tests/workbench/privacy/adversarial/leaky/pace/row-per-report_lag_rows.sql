-- leak: row-per-report: per-upload run deltas (LAG inside a CTE) are output row by row with the upload time, no aggregate
WITH runs AS (
  SELECT
    timestamp,
    p.command_path,
    p.cumulative_count - COALESCE(LAG(p.cumulative_count) OVER (PARTITION BY id, p.command_path, p.exit_code ORDER BY timestamp), 0) AS delta
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
SELECT timestamp, command_path, delta
FROM runs
WHERE delta > 0
