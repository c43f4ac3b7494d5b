-- leak: error-oracle: CODE_POINTS_TO_STRING of a surrogate code point fails exactly when a counter is 4711
SELECT p.command_path, COUNT(DISTINCT id) AS installs, MAX(LENGTH(CODE_POINTS_TO_STRING([IF(p.cumulative_count = 4711, 55296, 65)]))) AS y FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
