-- leak: small-groups: GROUP BY operating system, CLI version, command and exact cumulative count: the install's own attributes crossed with a private counter value single out one install
SELECT
  operating_system,
  cli_version,
  p.command_path,
  p.cumulative_count,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY operating_system, cli_version, p.command_path, p.cumulative_count
