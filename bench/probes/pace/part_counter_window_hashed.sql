-- floor: the second window with its string keys hashed to integers (not exact: a lower bound)
SELECT count(*), sum(r) FROM (
  SELECT cum - lag(cum) OVER (PARTITION BY id, cmd, ex ORDER BY "timestamp") AS r
  FROM (
    SELECT hash(id) AS id, "timestamp", hash(p.command_path) AS cmd, p.exit_code AS ex,
      p.cumulative_count AS cum
    FROM (
      SELECT id, "timestamp", unnest(metric_points) AS p
      FROM pace_telemetry
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
    )
  )
)
