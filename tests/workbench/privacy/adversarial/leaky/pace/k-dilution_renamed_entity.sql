-- leak: k-dilution: the inner scope redefines id as CONCAT(id, '/', command_path, '/', timestamp), so COUNT(DISTINCT id) counts counters, not installs
SELECT
  command_path,
  cumulative_count,
  COUNT(DISTINCT id) AS installs
FROM (
  SELECT CONCAT(t.id, '/', p.command_path, '/', CAST(t.timestamp AS STRING)) AS id, p.command_path, p.cumulative_count
  FROM `pace-telemetry-prod.cli.pace_telemetry` AS t, UNNEST(t.metric_points) AS p
)
GROUP BY command_path, cumulative_count
