-- leak: time-window: one day's installs inside a bucket of counters: a subgroup k never counts
SELECT DIV(p.cumulative_count, 100) AS hundreds,
  COUNT(DISTINCT id) AS installs,
  COUNT(DISTINCT IF(DATE(timestamp) = DATE '2026-11-14', id, NULL)) AS installs_14th
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY hundreds
HAVING COUNT(DISTINCT id) >= 5
