-- leak: small-groups: the sorted set of commands an install has used (each command public, the combination not) groups installs into near-singletons
SELECT
  command_set,
  COUNT(DISTINCT id) AS installs
FROM (
  SELECT
    id,
    (SELECT STRING_AGG(DISTINCT p.command_path, ',' ORDER BY p.command_path) FROM UNNEST(metric_points) AS p) AS command_set
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY command_set
