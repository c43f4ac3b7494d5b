SELECT DATE '2026-11-15' AS date, m.slug AS slug, m.version AS version,
  count(DISTINCT site_id) AS sites
FROM (
  SELECT site_id, unnest(modules) AS m
  FROM community_metrics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-08 00:00:00+00'
)
GROUP BY ALL
ORDER BY sites DESC, slug NULLS FIRST, version NULLS FIRST
