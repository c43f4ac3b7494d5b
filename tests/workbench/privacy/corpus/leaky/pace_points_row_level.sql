-- expect: row-level
SELECT point.command_path, point.exit_code, point.cumulative_count
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS point
