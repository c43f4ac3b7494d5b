-- leak: identifier-output: EXCEPT DISTINCT outputs the ids of installs that uploaded last month but not this week (churned installs)
SELECT id FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 35 DAY)
EXCEPT DISTINCT
SELECT id FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
