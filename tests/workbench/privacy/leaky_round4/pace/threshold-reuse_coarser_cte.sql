-- leak: threshold-reuse: a CTE keeps releases of 5 installs, the output per release and counter
WITH big AS (
  SELECT cli_version FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
)
SELECT cli_version, mp.cumulative_count AS runs, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
WHERE cli_version IN (SELECT cli_version FROM big)
GROUP BY cli_version, runs
