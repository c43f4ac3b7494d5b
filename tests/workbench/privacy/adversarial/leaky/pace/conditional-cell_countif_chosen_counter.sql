-- leak: conditional-cell: COUNTIF of one chosen counter value per command tells whether one install ran it exactly 4711 times
SELECT
  mp.command_path,
  COUNTIF(mp.cumulative_count = 4711) AS chosen,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY mp.command_path
HAVING COUNT(DISTINCT id) >= 5
