-- safe: installs by number of distinct commands used (latest upload of the last four weeks), in buckets of at least 5 installs
WITH latest AS (
  SELECT
    id,
    (SELECT COUNT(DISTINCT p.command_path) FROM UNNEST(metric_points) AS p) AS commands
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY timestamp DESC) = 1
)
SELECT
  CASE
    WHEN commands <= 2 THEN '1-2'
    WHEN commands <= 5 THEN '3-5'
    WHEN commands <= 10 THEN '6-10'
    ELSE '11+'
  END AS commands_bucket,
  MIN(commands) AS min_commands,
  COUNT(DISTINCT id) AS installs
FROM latest
GROUP BY commands_bucket
HAVING COUNT(DISTINCT id) >= 5
ORDER BY min_commands
