-- leak: zero-divisor: dividing by the count of one command with one exit code on one release
SELECT cli_version, COUNT(DISTINCT id) AS installs,
  COUNT(*) / (SELECT COUNT(*) FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE cli_version = '1.2.0' AND p.command_path = 'pace deploy' AND p.exit_code = 3) AS probe
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
