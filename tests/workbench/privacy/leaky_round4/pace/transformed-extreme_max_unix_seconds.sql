-- leak: transformed-extreme: the exact second of an OS's latest upload
SELECT operating_system, MAX(UNIX_SECONDS(timestamp)) AS latest
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY operating_system
HAVING COUNT(DISTINCT id) >= 5
