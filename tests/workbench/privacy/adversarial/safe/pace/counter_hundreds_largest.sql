-- safe: installs per hundred runs of a command, with the largest count inside each closed bucket of a hundred, buckets of at least 5 installs
SELECT
  DIV(p.cumulative_count, 100) * 100 AS runs_from,
  MAX(p.cumulative_count) AS most_in_bucket,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY runs_from
HAVING COUNT(DISTINCT id) >= 5
ORDER BY runs_from
