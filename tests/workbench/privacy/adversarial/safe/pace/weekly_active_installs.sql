-- safe: distinct installs that uploaded in each of the last twelve weeks
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT id) AS installs,
  COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week
HAVING COUNT(DISTINCT id) >= 5
ORDER BY week
