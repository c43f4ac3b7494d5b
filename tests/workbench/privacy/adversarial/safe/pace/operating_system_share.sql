-- safe: share of the last four weeks' installs per operating system (ratio to a scalar total)
SELECT
  operating_system,
  COUNT(DISTINCT id) AS installs,
  ROUND(COUNT(DISTINCT id) / (
    SELECT COUNT(DISTINCT id) FROM `pace-telemetry-prod.cli.pace_telemetry`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
  ), 4) AS share
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY operating_system
ORDER BY installs DESC
