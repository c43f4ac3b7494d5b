SELECT DATE '2026-11-15' AS date, c.name AS class, count(DISTINCT site_id) AS sites,
  sum(c.count) AS nodes
FROM (
  SELECT site_id, unnest(classes) AS c
  FROM community_metrics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-08 00:00:00+00'
)
GROUP BY ALL
ORDER BY sites DESC, class NULLS FIRST
