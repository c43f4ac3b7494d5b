-- safe: installs per CLI minor release line (vX.Y) per week, lines with at least 5 installs that week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  REGEXP_EXTRACT(cli_version, r'^v[0-9]+\.[0-9]+') AS release_line,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week, release_line
HAVING COUNT(DISTINCT id) >= 5
ORDER BY week, release_line
