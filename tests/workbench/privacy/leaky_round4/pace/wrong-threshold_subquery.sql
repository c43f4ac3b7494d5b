-- leak: wrong-threshold: the threshold is a scalar subquery of 1
SELECT cli_version, mp.cumulative_count AS runs, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY cli_version, runs
HAVING COUNT(DISTINCT id) >= (SELECT 1)
