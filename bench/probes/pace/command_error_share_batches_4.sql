-- command_error_share in 4 batches of installs instead of 2 (bench/handwritten/pace)
-- The installs are taken in 4 batches (hash(id) % 4), one after the other (each step of
-- the recursive CTE is one batch): the windows hold one batch's points at a time. Every window
-- is partitioned by id, so each batch is whole, and a batch's distinct installs are its own.
WITH RECURSIVE batches(batch, present, command_path, runs, failed_runs, installs) AS (
  SELECT -1, false, NULL::VARCHAR, NULL::HUGEINT, NULL::HUGEINT, NULL::BIGINT
  UNION ALL
  SELECT todo.batch, counts.present, counts.command_path, counts.runs, counts.failed_runs,
    counts.installs
  FROM (SELECT DISTINCT batch + 1 AS batch FROM batches WHERE batch + 1 < 4) AS todo
  LEFT JOIN LATERAL (
    WITH uploads AS (
      SELECT id, "timestamp", metric_points,
        lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
      FROM pace_telemetry
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 35 DAY
        AND hash(id) % 4 = todo.batch
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
      true AS present,
      command_path,
      sum(runs) AS runs,
      sum(CASE WHEN exit_code <> 0 THEN runs ELSE 0 END) AS failed_runs,
      count(DISTINCT id) AS installs
    FROM run_deltas
    WHERE previous_upload IS NOT NULL
      AND "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 28 DAY
    GROUP BY ALL
  ) AS counts ON true
)
SELECT
  DATE '2026-11-15' AS date,
  command_path,
  sum(runs) AS runs,
  sum(failed_runs) AS failed_runs,
  round(sum(failed_runs) / nullif(sum(runs), 0), 4) AS error_share,
  sum(installs) AS installs
FROM batches
WHERE present
GROUP BY ALL
HAVING sum(installs) >= 5
ORDER BY error_share DESC, command_path
