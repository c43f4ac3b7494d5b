-- leak: small-groups: CLI version with operating system and number of counters: most groups are one install
SELECT
  cli_version,
  operating_system,
  ARRAY_LENGTH(metric_points) AS counters,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version, operating_system, counters
