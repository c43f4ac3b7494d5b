-- leak: window-carry: FIRST_VALUE of a counter in time order per command, averaged: the first install's counter
SELECT command_path, AVG(first_count) AS first_count, COUNT(DISTINCT id) AS installs
FROM (
  SELECT id, p.command_path, FIRST_VALUE(p.cumulative_count) OVER (PARTITION BY p.command_path ORDER BY timestamp) AS first_count
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
GROUP BY command_path
HAVING COUNT(DISTINCT id) >= 5
