-- leak: packed-cell: MAX(timestamp) per CLI version is the full-precision time of one install's last upload
SELECT
  cli_version,
  COUNT(DISTINCT id) AS installs,
  MAX(timestamp) AS last_upload
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version
