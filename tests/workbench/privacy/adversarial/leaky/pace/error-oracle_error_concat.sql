-- leak: error-oracle: ERROR with a message built from data
SELECT cli_version, COUNT(DISTINCT id) AS installs, MAX(IF(operating_system = 'plan9', ERROR(CONCAT('os ', operating_system)), 1)) AS y FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
