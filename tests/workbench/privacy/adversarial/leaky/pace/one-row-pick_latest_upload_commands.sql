-- leak: one-row-pick: QUALIFY keeps the latest upload; its commands and exit codes are one install's
WITH last AS (
  SELECT metric_points FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (ORDER BY timestamp DESC) = 1
)
SELECT p.command_path, p.exit_code, COUNT(*) AS n
FROM last, UNNEST(metric_points) AS p
GROUP BY p.command_path, p.exit_code
