-- leak: ordered-output: ORDER BY MAX(counter) LIMIT 1: the OS of the heaviest install
SELECT operating_system, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY operating_system
HAVING COUNT(DISTINCT id) >= 5
ORDER BY MAX(p.cumulative_count) DESC
LIMIT 1
