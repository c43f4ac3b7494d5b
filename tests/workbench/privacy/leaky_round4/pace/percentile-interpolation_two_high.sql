-- leak: percentile-interpolation: p90 and p95 of a command's counters
WITH p AS (
  SELECT id, mp.command_path AS command,
    PERCENTILE_CONT(mp.cumulative_count, 0.9) OVER (PARTITION BY mp.command_path) AS p90,
    PERCENTILE_CONT(mp.cumulative_count, 0.95) OVER (PARTITION BY mp.command_path) AS p95
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
)
SELECT command, AVG(p90) AS p90, AVG(p95) AS p95
FROM p
GROUP BY command
HAVING COUNT(DISTINCT id) >= 5
