-- expect: none
SELECT operating_system, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE id IS NOT NULL
GROUP BY operating_system
