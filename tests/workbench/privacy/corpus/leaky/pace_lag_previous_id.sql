-- expect: identifier-output, row-level
SELECT timestamp, LAG(id) OVER (ORDER BY timestamp) AS previous_install
FROM `pace-telemetry-prod.cli.pace_telemetry`
