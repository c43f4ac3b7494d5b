-- leak: fine-time: a window of a few seconds before now in COUNTIF singles out one upload
SELECT cli_version, COUNTIF(timestamp > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 SECOND)) AS recent, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
