-- leak: row-per-report: SELECT DISTINCT of version, OS and each counter value without aggregate is the list of individual counters
SELECT DISTINCT
  cli_version,
  operating_system,
  p.command_path,
  p.cumulative_count
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
