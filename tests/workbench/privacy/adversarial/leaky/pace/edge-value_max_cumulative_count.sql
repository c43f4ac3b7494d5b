-- leak: edge-value: MAX cumulative count per command is the heaviest user's exact counter
SELECT mp.command_path, MAX(mp.cumulative_count) AS most, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) mp GROUP BY mp.command_path HAVING COUNT(DISTINCT id) >= 5
