-- leak: histogram-rare: installs by the exact cumulative count of one command: each large count is one install
SELECT p.cumulative_count, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.command_path = 'pace get data-policy' GROUP BY p.cumulative_count
