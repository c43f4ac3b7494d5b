-- expect: identifier-groups
SELECT point.command_path, SUM(point.cumulative_count) AS runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS point
GROUP BY id, point.command_path
