-- leak: catalogue-argument: a command path as a regular expression, chosen by an OS test: the error says an install pairs them
SELECT COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE REGEXP_CONTAINS('x', IF(operating_system = 'freebsd' AND p.command_path = 'pace deploy', '(', 'x'))
