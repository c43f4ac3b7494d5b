-- leak: ordering: LAG(cumulative_count) OVER (PARTITION BY command_path ORDER BY id) pairs installs that are neighbours in id order
SELECT
  command_path,
  SUM(ABS(delta)) AS neighbour_distance,
  COUNT(*) AS pairs
FROM (
  SELECT
    p.command_path,
    p.cumulative_count - LAG(p.cumulative_count) OVER (PARTITION BY p.command_path ORDER BY id) AS delta
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
GROUP BY command_path
