-- question: Installs per CLI version and operating system: for each of the eleven full weeks
--   before the current one (weeks start on Sunday), how many installs uploaded with each CLI
--   version on each operating system (an install that upgraded during the week counts for both).
-- example: week=2026-11-08, cli_version=v1.24.1, operating_system=darwin, installs=57
-- personal data: no, counts of installs per public CLI release, operating system and week
-- sanitization: id is only counted (COUNT DISTINCT); nothing else about an install is output.
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  cli_version,
  operating_system,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP(DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 11 WEEK))
GROUP BY week, cli_version, operating_system
ORDER BY week, cli_version, operating_system
