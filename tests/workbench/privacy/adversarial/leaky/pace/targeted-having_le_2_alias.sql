-- leak: targeted-having: HAVING installs <= 2 keeps the rare CLI versions with the OS of their one or two installs
SELECT
  cli_version,
  operating_system,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version, operating_system
HAVING installs <= 2
