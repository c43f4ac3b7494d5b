-- leak: side-channel: MOD by the number of an install's failing runs of one command fails exactly when no install has failed it
SELECT
  mp.command_path,
  COUNT(DISTINCT id) AS installs,
  MOD(COUNT(DISTINCT id), (SELECT COUNTIF(p.exit_code = 3) FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.cumulative_count = 4711)) AS r
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY mp.command_path
HAVING COUNT(DISTINCT id) >= 5
