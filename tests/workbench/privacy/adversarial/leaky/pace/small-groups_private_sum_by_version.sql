-- leak: small-groups: CLI version and operating system are public, but the summed number of counters of a rare combination is one install's
SELECT
  cli_version,
  operating_system,
  SUM(ARRAY_LENGTH(metric_points)) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version, operating_system
