-- command_runs with both windows run on each half of the installs, UNION ALL
-- (hash(id) % 2; exact: an install's rows are all in one half) below the aggregation
WITH run_deltas AS (
  SELECT * FROM (
    SELECT id, "timestamp", previous_upload, p.command_path AS command_path,
      p.cumulative_count - coalesce(lag(p.cumulative_count) OVER (
          PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp"), 0) AS runs
    FROM (SELECT id, "timestamp", previous_upload, unnest(metric_points) AS p FROM (
      SELECT id, "timestamp", metric_points,
        lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
      FROM pace_telemetry
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
        AND hash(id) % 2 = 0)))
  UNION ALL
  SELECT * FROM (
    SELECT id, "timestamp", previous_upload, p.command_path AS command_path,
      p.cumulative_count - coalesce(lag(p.cumulative_count) OVER (
          PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp"), 0) AS runs
    FROM (SELECT id, "timestamp", previous_upload, unnest(metric_points) AS p FROM (
      SELECT id, "timestamp", metric_points,
        lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
      FROM pace_telemetry
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
        AND hash(id) % 2 = 1)))
)
SELECT CAST(date_trunc('week', CAST("timestamp" AS DATE) + 1) AS DATE) - 1 AS week,
  command_path, sum(runs) AS runs, count(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL AND "timestamp" >= TIMESTAMPTZ '2026-09-20 00:00:00+00'
GROUP BY ALL
HAVING count(DISTINCT id) >= 5
ORDER BY week, runs DESC, command_path
