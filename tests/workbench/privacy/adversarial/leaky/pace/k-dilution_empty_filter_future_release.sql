-- leak: k-dilution: WHERE cli_version = 'v1.25.0' (a release after the fake data) is empty offline, so no small group is ever measured; in production it tracks the first installs of the release
SELECT
  operating_system,
  p.command_path,
  p.cumulative_count,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE cli_version = 'v1.25.0'
GROUP BY operating_system, p.command_path, p.cumulative_count
