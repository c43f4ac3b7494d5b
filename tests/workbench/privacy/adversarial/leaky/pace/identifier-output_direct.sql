-- leak: identifier-output: the install id is output directly with its upload count
SELECT id, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY id
