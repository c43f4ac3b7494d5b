-- leak: identifier-groups: GROUP BY id, command in a CTE, then passed through row by row: one row per install and command
WITH per_install AS (
  SELECT id, p.command_path, MAX(p.cumulative_count) AS runs
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
  GROUP BY id, p.command_path
)
SELECT command_path, runs
FROM per_install
