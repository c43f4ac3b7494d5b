-- leak: filter-combination: a filter on one OS with keys of the commands catalogue: per command and exit code, the installs on that OS
SELECT p.command_path, p.exit_code, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE operating_system = 'windows'
GROUP BY p.command_path, p.exit_code
