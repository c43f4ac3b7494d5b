-- command_error_share in one pass (the translation's shape), the hand-written query before the batches
WITH uploads AS (
  SELECT id, "timestamp", metric_points,
    lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
  FROM pace_telemetry
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 35 DAY
),
points AS (
  SELECT id, "timestamp", previous_upload, unnest(metric_points) AS p
  FROM uploads
),
run_deltas AS (
  SELECT id, "timestamp", previous_upload, p.command_path AS command_path,
    p.exit_code AS exit_code,
    p.cumulative_count - coalesce(
      lag(p.cumulative_count) OVER (
        PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp"
      ), 0) AS runs
  FROM points
)
SELECT
  DATE '2026-11-15' AS date,
  command_path,
  sum(runs) AS runs,
  sum(CASE WHEN exit_code <> 0 THEN runs ELSE 0 END) AS failed_runs,
  round(sum(CASE WHEN exit_code <> 0 THEN runs ELSE 0 END) / nullif(sum(runs), 0), 4)
    AS error_share,
  count(DISTINCT id) AS installs
FROM run_deltas
WHERE previous_upload IS NOT NULL
  AND "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 28 DAY
GROUP BY ALL
HAVING count(DISTINCT id) >= 5
ORDER BY error_share DESC, command_path
