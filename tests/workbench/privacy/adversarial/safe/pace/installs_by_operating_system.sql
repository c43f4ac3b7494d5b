-- safe: installs per operating system per week (public dimension)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  operating_system,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week, operating_system
ORDER BY week, operating_system
