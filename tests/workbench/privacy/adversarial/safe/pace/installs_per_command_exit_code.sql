-- safe: installs per public command and exit code per week (public dimensions of one record: small groups describe the CLI's commands, not an install)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  mp.command_path,
  mp.exit_code,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY week, mp.command_path, mp.exit_code
ORDER BY week, mp.command_path, mp.exit_code
