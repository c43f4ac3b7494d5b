-- safe: average first recorded run count per command (FIRST_VALUE within each install's own uploads), commands of at least 5 installs
WITH firsts AS (
  SELECT DISTINCT
    id,
    p.command_path,
    FIRST_VALUE(p.cumulative_count) OVER (
      PARTITION BY id, p.command_path ORDER BY timestamp
    ) AS first_count
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
SELECT
  command_path,
  ROUND(AVG(first_count), 2) AS avg_first_count,
  COUNT(DISTINCT id) AS installs
FROM firsts
GROUP BY command_path
HAVING COUNT(DISTINCT id) >= 5
ORDER BY installs DESC
