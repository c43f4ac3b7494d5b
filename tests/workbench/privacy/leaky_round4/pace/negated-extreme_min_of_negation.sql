-- leak: negated-extreme: -MIN(-count) per command: the heaviest install's runs
SELECT mp.command_path, -MIN(-mp.cumulative_count) AS most_runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY mp.command_path
HAVING COUNT(DISTINCT id) >= 5
