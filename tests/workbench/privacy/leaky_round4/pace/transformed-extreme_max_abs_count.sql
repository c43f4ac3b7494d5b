-- leak: transformed-extreme: MAX(ABS(count)) per CLI release
SELECT cli_version, MAX(ABS(mp.cumulative_count)) AS most_runs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
