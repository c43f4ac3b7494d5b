-- leak: one-row-pick: WHERE timestamp = the latest upload time: one install's release and OS
SELECT cli_version, operating_system, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp = (SELECT MAX(timestamp) FROM `pace-telemetry-prod.cli.pace_telemetry`)
GROUP BY cli_version, operating_system
