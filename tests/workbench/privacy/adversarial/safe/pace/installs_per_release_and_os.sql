-- safe: installs per CLI release and operating system in the last four weeks (the report's own public columns: one catalogue)
SELECT
  cli_version,
  operating_system,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY cli_version, operating_system
ORDER BY cli_version, operating_system
