-- leak: chosen-entity: LOGICAL_OR(id = '<uuid>') per CLI version and OS tells which version and system that install runs
SELECT
  cli_version,
  operating_system,
  COUNT(DISTINCT id) AS installs,
  LOGICAL_OR(id = 'f49f6462-1227-478c-babe-cfaae069899d') AS includes_ci
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version, operating_system
HAVING installs >= 5
