-- leak: outer-join-condition: SUM of a value from a LEFT JOINed derived table narrowed by a private counter is the value of the few matching installs
SELECT t.cli_version, SUM(c.n) AS top, COUNT(DISTINCT t.id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t LEFT JOIN (SELECT id, p.cumulative_count AS n FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.cumulative_count > 4000) AS c USING (id)
GROUP BY t.cli_version HAVING COUNT(DISTINCT t.id) >= 5
