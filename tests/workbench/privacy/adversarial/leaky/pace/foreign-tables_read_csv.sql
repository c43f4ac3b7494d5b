-- leak: foreign-tables: read_csv(...) of a local file joined to the telemetry by install id
SELECT u.team, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
JOIN read_csv('installs.csv') AS u ON u.install_id = t.id
GROUP BY u.team
