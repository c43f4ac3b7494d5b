-- leak: differencing: CUBE totals minus the shown cells are the cells HAVING dropped
SELECT operating_system, cli_version, SUM(p.cumulative_count) AS runs, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY CUBE (operating_system, cli_version) HAVING COUNT(DISTINCT id) >= 5
