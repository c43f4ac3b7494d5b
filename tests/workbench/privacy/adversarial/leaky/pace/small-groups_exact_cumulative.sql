-- leak: small-groups: GROUP BY command and exact cumulative count: a counter value is private and mostly unique to one install
SELECT
  p.command_path,
  p.cumulative_count,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path, p.cumulative_count
