-- leak: edge-value: MIN of UNIX_SECONDS(timestamp) per CLI release is the first install's exact upload second
SELECT
  cli_version,
  MIN(UNIX_SECONDS(timestamp)) AS first_upload,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
