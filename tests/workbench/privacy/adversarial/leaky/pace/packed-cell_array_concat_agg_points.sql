-- leak: packed-cell: ARRAY_CONCAT_AGG(metric_points) concatenates every upload's counters into one cell per operating system
SELECT
  operating_system,
  COUNT(DISTINCT id) AS installs,
  ARRAY_CONCAT_AGG(metric_points) AS points
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY operating_system
