-- safe: uploads and distinct installs per day over the last four weeks
SELECT
  DATE(timestamp) AS day,
  COUNT(*) AS uploads,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY day
HAVING COUNT(DISTINCT id) >= 5
ORDER BY day
