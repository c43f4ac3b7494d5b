-- leak: hidden-condition: BIT_OR of a comparison is whether any install has the chosen counter
SELECT p.command_path, BIT_OR(CAST(p.cumulative_count = 4711 AS INT64)) AS any_4711, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
