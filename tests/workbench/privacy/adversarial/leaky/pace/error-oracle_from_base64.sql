-- leak: error-oracle: FROM_BASE64 of a text chosen by a private counter fails exactly when an install has run a command 4711 times
SELECT operating_system, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE FROM_BASE64(IF(p.cumulative_count = 4711, '!', 'AA==')) IS NOT NULL GROUP BY operating_system HAVING COUNT(DISTINCT id) >= 5
