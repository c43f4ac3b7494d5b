-- command_runs without windows: a list of (timestamp, count) per counter, differences of neighbours
-- One group per counter (install, command, exit code) with the list of its (timestamp, count)
-- pairs, sorted; runs are differences of neighbours in the list. An install's first upload by
-- min(timestamp) (the same rows while no install uploads twice at one instant; LAG would keep
-- one of two such uploads).
WITH firsts AS (
  SELECT id, min("timestamp") AS first_upload
  FROM pace_telemetry
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
  GROUP BY id
),
counters AS (
  SELECT id, p.command_path AS command_path, p.exit_code AS exit_code,
    list_sort(list({'t': "timestamp", 'c': p.cumulative_count})) AS l
  FROM (
    SELECT id, "timestamp", unnest(metric_points) AS p
    FROM pace_telemetry
    WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 63 DAY
  )
  GROUP BY ALL
),
run_deltas AS (
  SELECT id, command_path, l[i].t AS "timestamp", l[i].c - coalesce(l[i - 1].c, 0) AS runs
  FROM (SELECT id, command_path, l, unnest(range(1, len(l) + 1)) AS i FROM counters)
)
SELECT CAST(date_trunc('week', CAST("timestamp" AS DATE) + 1) AS DATE) - 1 AS week,
  command_path, sum(runs) AS runs, count(DISTINCT id) AS installs
FROM run_deltas JOIN firsts USING (id)
WHERE "timestamp" > first_upload AND "timestamp" >= TIMESTAMPTZ '2026-09-20 00:00:00+00'
GROUP BY ALL
HAVING count(DISTINCT id) >= 5
ORDER BY week, runs DESC, command_path
