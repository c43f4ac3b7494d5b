-- leak: chosen-entity: WHERE id = '<uuid>' publishes one chosen install's command counters per week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  p.command_path,
  MAX(p.cumulative_count) AS runs_so_far
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t, UNNEST(t.metric_points) AS p
WHERE t.`id` = '1405861b-5649-4a1e-8c66-44c3e2d8adbc'
GROUP BY week, p.command_path
