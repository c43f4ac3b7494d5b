-- leak: ordering: STRING_AGG(operating_system initial ORDER BY id) lists each install's OS in identifier order, one character per install
SELECT
  cli_version,
  COUNT(DISTINCT id) AS installs,
  STRING_AGG(SUBSTR(operating_system, 1, 1), '' ORDER BY id) AS os_sequence
FROM (SELECT DISTINCT id, cli_version, operating_system FROM `pace-telemetry-prod.cli.pace_telemetry`)
GROUP BY cli_version
