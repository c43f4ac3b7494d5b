-- leak: chosen-entity: a self-join on the install id of one row against the timestamp of another picks rows of one install
SELECT a.cli_version, COUNT(DISTINCT a.id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS a JOIN `pace-telemetry-prod.cli.pace_telemetry` AS b ON a.id = b.id AND a.timestamp = b.timestamp
WHERE b.timestamp = (SELECT MAX(timestamp) FROM `pace-telemetry-prod.cli.pace_telemetry`)
GROUP BY a.cli_version
