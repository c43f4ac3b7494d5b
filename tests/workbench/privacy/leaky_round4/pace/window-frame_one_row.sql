-- leak: window-frame: SUM over a one-row frame of the next upload (another install's counter), summed for the first upload of the day
WITH w AS (
  SELECT id, cli_version,
    SUM(mp.cumulative_count) OVER (ORDER BY timestamp ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) AS next_count
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
)
SELECT cli_version, AVG(next_count) AS neighbour
FROM w
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
