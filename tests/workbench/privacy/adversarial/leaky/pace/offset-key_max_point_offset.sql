-- leak: offset-key: MAX of the metric points' offset: the install with the most (command, exit code) pairs
SELECT cli_version, MAX(o) AS most_points, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WITH OFFSET AS o
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
