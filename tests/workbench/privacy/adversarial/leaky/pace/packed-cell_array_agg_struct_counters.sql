-- leak: packed-cell: ARRAY_AGG(STRUCT(command_path, cumulative_count) ORDER BY count DESC LIMIT 10) returns the largest individual counters (per-install values) per week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  ARRAY_AGG(STRUCT(p.command_path, p.cumulative_count) ORDER BY p.cumulative_count DESC LIMIT 10) AS top_counters
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY week
