-- leak: shadowing: an UNNEST alias named like cli_version holds the install id
SELECT cli_version, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST([id]) AS cli_version
GROUP BY cli_version
