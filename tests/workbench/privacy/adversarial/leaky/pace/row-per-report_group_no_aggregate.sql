-- leak: row-per-report: GROUP BY without any aggregate of per-upload attributes at the outermost level
SELECT
  DATE(timestamp) AS day,
  cli_version,
  operating_system,
  ARRAY_LENGTH(metric_points) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY day, cli_version, operating_system, counters
