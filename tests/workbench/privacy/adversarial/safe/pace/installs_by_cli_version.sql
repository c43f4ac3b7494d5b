-- safe: installs per CLI release per week over eleven full weeks (public dimension)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  cli_version,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP(DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 11 WEEK))
GROUP BY week, cli_version
ORDER BY week, cli_version
