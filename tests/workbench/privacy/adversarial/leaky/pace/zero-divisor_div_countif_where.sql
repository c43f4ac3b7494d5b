-- leak: zero-divisor: DIV by a count under a WHERE on a private counter fails exactly when no install has run a command 4711 times
SELECT COUNT(DISTINCT id) AS installs, DIV(100, COUNT(DISTINCT id)) AS r FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.cumulative_count = 4711
