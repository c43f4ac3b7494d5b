-- expect: identifier-output
SELECT operating_system, STRING_AGG(id, ',') AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY operating_system
