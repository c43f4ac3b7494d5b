-- leak: side-channel: the division fails exactly when the heaviest install of a command has run it 4711 times
SELECT
  mp.command_path,
  SUM(mp.cumulative_count) / (MAX(mp.cumulative_count) - 4711) AS ratio,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY mp.command_path
HAVING COUNT(DISTINCT id) >= 5
