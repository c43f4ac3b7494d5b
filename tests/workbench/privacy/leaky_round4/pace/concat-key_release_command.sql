-- leak: concat-key: CONCAT of the CLI release and a command: two catalogues in one key
SELECT CONCAT(cli_version, ' ', mp.command_path) AS k, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY k
