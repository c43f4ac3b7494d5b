-- leak: approximate: APPROX_TOP_COUNT of counters per command returns the counters themselves
SELECT p.command_path, APPROX_TOP_COUNT(p.cumulative_count, 2) AS top, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path
HAVING COUNT(DISTINCT id) >= 5
