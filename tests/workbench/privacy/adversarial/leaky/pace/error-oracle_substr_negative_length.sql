-- leak: error-oracle: SUBSTR with a negative length fails exactly when some counter is above 4711
SELECT p.command_path, COUNT(DISTINCT id) AS installs, MAX(LENGTH(SUBSTR('abc', 1, 4711 - p.cumulative_count))) AS y FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
