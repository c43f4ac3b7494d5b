-- leak: identifier-output: ARRAY_AGG(STRUCT(id AS install, cli_version)) outputs install ids inside an array of structs
SELECT
  operating_system,
  ARRAY_AGG(STRUCT(id AS install, cli_version) LIMIT 25) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY operating_system
