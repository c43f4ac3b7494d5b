-- leak: entity-rekey: the threshold counts the installs of the joined side, which match on a public value, not the installs behind the row
SELECT a.cli_version, MAX(ap.cumulative_count) AS top, COUNT(DISTINCT b.id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS a, UNNEST(a.metric_points) AS ap JOIN `pace-telemetry-prod.cli.pace_telemetry` AS b ON a.cli_version = b.cli_version
WHERE ap.cumulative_count > 4000 GROUP BY a.cli_version HAVING COUNT(DISTINCT b.id) >= 5
