-- leak: percentile-disc: PERCENTILE_DISC at 0.85 per command: the heaviest install's counter in a small group
WITH p AS (
  SELECT id, mp.command_path AS command,
    PERCENTILE_DISC(mp.cumulative_count, 0.85) OVER (PARTITION BY mp.command_path) AS p85
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
)
SELECT command, AVG(p85) AS p85
FROM p
GROUP BY command
HAVING COUNT(DISTINCT id) >= 5
