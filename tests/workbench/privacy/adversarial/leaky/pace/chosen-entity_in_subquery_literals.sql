-- leak: chosen-entity: id IN (SELECT watched FROM UNNEST([...])) looks like a semi-join on the identifier but filters to two chosen installs
SELECT
  p.command_path,
  p.exit_code,
  MAX(p.cumulative_count) AS runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE id IN (SELECT watched FROM UNNEST(['1405861b-5649-4a1e-8c66-44c3e2d8adbc', 'f49f6462-1227-478c-babe-cfaae069899d']) AS watched)
GROUP BY p.command_path, p.exit_code
