-- leak: error-oracle: TIMESTAMP_SECONDS out of range fails exactly when some counter is large
SELECT p.command_path, COUNT(DISTINCT id) AS installs, MAX(TIMESTAMP_SECONDS(p.cumulative_count * 100000000000)) IS NULL AS y FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
