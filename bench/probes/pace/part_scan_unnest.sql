-- part: the scan and the unnest of command_runs' 63 days (8,131,375 points), streamed, no window
SELECT count(*), sum(len(p.command_path)) FROM (
  SELECT id, "timestamp", unnest(metric_points) AS p
  FROM pace_telemetry
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
)
