-- command_runs with the first window's result as a boolean, not a timestamp
-- (the second window carries one byte instead of eight for it)
WITH uploads AS (
  SELECT id, "timestamp", metric_points,
    lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") IS NOT NULL AS has_previous
  FROM pace_telemetry
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
),
points AS (
  SELECT id, "timestamp", has_previous, unnest(metric_points) AS p
  FROM uploads
),
run_deltas AS (
  SELECT id, "timestamp", has_previous, p.command_path AS command_path,
    p.cumulative_count - coalesce(
      lag(p.cumulative_count) OVER (
        PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp"
      ), 0) AS runs
  FROM points
)
SELECT
  -- weeks start on Sunday, as BigQuery's WEEK
  CAST(date_trunc('week', CAST("timestamp" AS DATE) + 1) AS DATE) - 1 AS week,
  command_path,
  sum(runs) AS runs,
  count(DISTINCT id) AS installs
FROM run_deltas
WHERE has_previous AND "timestamp" >= TIMESTAMPTZ '2026-09-20 00:00:00+00'
GROUP BY ALL
HAVING count(DISTINCT id) >= 5
ORDER BY week, runs DESC, command_path
