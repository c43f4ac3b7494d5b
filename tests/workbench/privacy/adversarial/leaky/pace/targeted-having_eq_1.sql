-- leak: targeted-having: HAVING COUNT(DISTINCT id) = 1 keeps (command, exit code) pairs seen on a single install, with its counter
SELECT
  p.command_path,
  p.exit_code,
  COUNT(DISTINCT id) AS installs,
  MAX(p.cumulative_count) AS runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path, p.exit_code
HAVING COUNT(DISTINCT id) = 1
