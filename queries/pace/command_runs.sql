-- question: Runs per command: how many times each PACE CLI command ran in each of the last eight
--   weeks (weeks start on Sunday), and on how many installs. The CLI uploads cumulative counts
--   per (command, exit code) since its telemetry file was created, so the runs of a period are the
--   differences between consecutive uploads of the same install (LAG over the install's uploads;
--   a counter that first appears counts from zero). An install's first upload in the period has no
--   previous one and adds nothing. A recreated telemetry file uploads under a new install id, so
--   its counters never go back for an id.
-- example: week=2026-11-08, command_path=pace get data-policy, runs=1210, installs=84
-- personal data: no, counts of runs and installs per CLI command and week
-- sanitization: id is used only to pair each upload with the install's previous one and to count
--   installs (COUNT DISTINCT); commands run on fewer than 5 installs in a week are left out (HAVING).
WITH uploads AS (
  SELECT
    id,
    timestamp,
    metric_points,
    LAG(timestamp) OVER (PARTITION BY id ORDER BY timestamp) AS previous_upload
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 63 DAY)
),
run_deltas AS (
  SELECT
    id,
    timestamp,
    previous_upload,
    point.command_path,
    point.cumulative_count - COALESCE(
      LAG(point.cumulative_count) OVER (
        PARTITION BY id, point.command_path, point.exit_code ORDER BY timestamp
      ),
      0
    ) AS runs
  FROM uploads, UNNEST(metric_points) AS point
)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  command_path,
  SUM(runs) AS runs,
  COUNT(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL
  AND timestamp >= TIMESTAMP(DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 8 WEEK))
GROUP BY week, command_path
HAVING installs >= 5
ORDER BY week, runs DESC, command_path
