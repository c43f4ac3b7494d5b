-- part: the first window alone, LAG over every upload of the 63 days with its metric_points list
SELECT count(*), count(previous_upload), sum(len(metric_points)) FROM (
  SELECT id, "timestamp", metric_points,
    lag("timestamp") OVER (PARTITION BY id ORDER BY "timestamp") AS previous_upload
  FROM pace_telemetry
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
)
