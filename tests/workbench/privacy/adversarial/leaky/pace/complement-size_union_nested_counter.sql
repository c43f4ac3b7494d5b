-- leak: complement-size: UNION ALL of the installs per command and those of them under a private cut
SELECT p.command_path, 'all' AS population, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
UNION ALL
SELECT p.command_path, 'light', COUNT(DISTINCT id)
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.cumulative_count < 5000 GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
