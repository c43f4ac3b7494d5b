-- leak: row-per-report: GROUP BY timestamp gives one row per upload with its summed counters
SELECT
  timestamp,
  SUM(p.cumulative_count) AS runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY timestamp
