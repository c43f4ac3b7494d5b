-- leak: window-carry: LAG ordered by time carries the previous upload's counter; its MAX per OS is one install's
SELECT operating_system, MAX(prev) AS prev_max, COUNT(DISTINCT id) AS installs
FROM (
  SELECT id, operating_system, LAG(p.cumulative_count) OVER (PARTITION BY operating_system ORDER BY timestamp) AS prev
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
GROUP BY operating_system
HAVING COUNT(DISTINCT id) >= 5
