-- safe: installs per CLI release at their latest upload of the last four weeks, with the share of all such installs; releases with at least 5 installs
WITH latest AS (
  SELECT id, cli_version
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY timestamp DESC) = 1
)
SELECT
  cli_version,
  COUNT(DISTINCT id) AS installs,
  ROUND(COUNT(DISTINCT id) / (SELECT COUNT(DISTINCT id) FROM latest), 4) AS share
FROM latest
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
ORDER BY cli_version
