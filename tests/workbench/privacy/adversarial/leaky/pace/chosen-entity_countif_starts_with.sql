-- leak: chosen-entity: COUNTIF(STARTS_WITH(id, 'f49f')) per command shows which commands the chosen install uses
SELECT
  p.command_path,
  COUNT(DISTINCT id) AS installs,
  COUNTIF(STARTS_WITH(id, 'f49f')) AS reference_points
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path
HAVING COUNT(DISTINCT id) >= 5
