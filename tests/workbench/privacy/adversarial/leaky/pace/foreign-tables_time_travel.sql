-- leak: foreign-tables: time travel
SELECT cli_version, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry` FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY) GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
