-- leak: chosen-entity: SUM(CASE WHEN id LIKE '1405%' THEN cumulative_count END) isolates one install's counter inside per-command totals
SELECT
  p.command_path,
  SUM(p.cumulative_count) AS total,
  SUM(CASE WHEN id LIKE '1405%' THEN p.cumulative_count END) AS lab_total
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path
