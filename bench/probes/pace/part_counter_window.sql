-- part: the second window alone, LAG over every point by (install id, command, exit code)
SELECT count(*), sum(r) FROM (
  SELECT p.cumulative_count - lag(p.cumulative_count) OVER (
      PARTITION BY id, p.command_path, p.exit_code ORDER BY "timestamp") AS r
  FROM (
    SELECT id, "timestamp", unnest(metric_points) AS p
    FROM pace_telemetry
    WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
  )
)
