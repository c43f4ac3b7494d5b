-- leak: entity-rekey: COUNT(*) over unnested counters counts (install, command) rows, not installs
SELECT cli_version, operating_system, MAX(p.cumulative_count) AS top, COUNT(*) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY cli_version, operating_system HAVING COUNT(*) >= 5
