-- leak: packed-cell: MIN_BY the OS of the earliest install
SELECT MIN_BY(operating_system, timestamp) AS os, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`
