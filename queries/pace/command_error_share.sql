-- question: Error share per command: of the runs of each PACE CLI command in the last 28 days, how
--   many ended with a non-zero exit code, and what share that is. Runs come from the cumulative
--   (command, exit code) counters as differences between consecutive uploads of the same install
--   (LAG over the install's uploads); an install's first upload in the period adds nothing.
-- example: date=2026-11-15, command_path=pace upsert data-policy, runs=812, failed_runs=96,
--   error_share=0.1182, installs=61
-- personal data: no, counts of runs and installs per CLI command
-- sanitization: id is used only to pair each upload with the install's previous one and to count
--   installs (COUNT DISTINCT); commands run on fewer than 5 installs are left out (HAVING).
WITH uploads AS (
  SELECT
    id,
    timestamp,
    metric_points,
    LAG(timestamp) OVER (PARTITION BY id ORDER BY timestamp) AS previous_upload
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 35 DAY)
),
run_deltas AS (
  SELECT
    id,
    timestamp,
    previous_upload,
    point.command_path,
    point.exit_code,
    point.cumulative_count - COALESCE(
      LAG(point.cumulative_count) OVER (
        PARTITION BY id, point.command_path, point.exit_code ORDER BY timestamp
      ),
      0
    ) AS runs
  FROM uploads, UNNEST(metric_points) AS point
)
SELECT
  CURRENT_DATE() AS date,
  command_path,
  SUM(runs) AS runs,
  SUM(IF(exit_code != 0, runs, 0)) AS failed_runs,
  ROUND(SAFE_DIVIDE(SUM(IF(exit_code != 0, runs, 0)), SUM(runs)), 4) AS error_share,
  COUNT(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL
  AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY command_path
HAVING installs >= 5
ORDER BY error_share DESC, command_path
