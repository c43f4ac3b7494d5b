-- leak: hidden-condition: DIV(count, 4711) is 1 only for counters of 4711 or more (below 9422): SUM of it counts those installs
SELECT p.command_path, SUM(DIV(p.cumulative_count, 4711)) AS big, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
