-- leak: public-combination: four public dimensions combined narrow to one install
SELECT cli_version, operating_system, mp.command_path, mp.exit_code, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) mp GROUP BY 1, 2, 3, 4
