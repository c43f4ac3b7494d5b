-- Runs are differences of cumulative counters between consecutive uploads of an install.
-- The installs are taken in 4 batches (hash(id) % 4), one after the other (each step of
-- the recursive CTE is one batch): the windows hold one batch's points at a time. Every window
-- is partitioned by id, so each batch is whole, and a batch's distinct installs are its own.
-- The LEFT JOIN keeps a batch without rows, so the next one still comes. 4 batches: under
-- 600 MB at 64,000 installs for the CPU of one pass (bench/pace_memory.py).
WITH RECURSIVE batches(batch, present, week, command_path, runs, installs) AS (
  SELECT -1, false, NULL::DATE, NULL::VARCHAR, NULL::HUGEINT, NULL::BIGINT
  UNION ALL
  SELECT todo.batch, counts.present, counts.week, counts.command_path, counts.runs,
    counts.installs
  FROM (SELECT DISTINCT batch + 1 AS batch FROM batches WHERE batch + 1 < 4) AS todo
  LEFT JOIN LATERAL (
    WITH uploads AS (
      SELECT id, "timestamp", metric_points,
        lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
      FROM pace_telemetry
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
        AND hash(id) % 4 = todo.batch
    ),
    points AS (
      SELECT id, "timestamp", previous_upload, unnest(metric_points) AS p
      FROM uploads
    ),
    run_deltas AS (
      SELECT id, "timestamp", previous_upload, p.command_path AS command_path,
        p.cumulative_count - coalesce(
          lag(p.cumulative_count) OVER (
            PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp"
          ), 0) AS runs
      FROM points
    )
    SELECT
      true AS present,
      -- weeks start on Sunday, as BigQuery's WEEK
      CAST(date_trunc('week', CAST("timestamp" AS DATE) + 1) AS DATE) - 1 AS week,
      command_path,
      sum(runs) AS runs,
      count(DISTINCT id) AS installs
    FROM run_deltas
    WHERE previous_upload IS NOT NULL AND "timestamp" >= TIMESTAMPTZ '2026-09-20 00:00:00+00'
    GROUP BY ALL
  ) AS counts ON true
)
SELECT week, command_path, sum(runs) AS runs, sum(installs) AS installs
FROM batches
WHERE present
GROUP BY ALL
HAVING sum(installs) >= 5
ORDER BY week, runs DESC, command_path
