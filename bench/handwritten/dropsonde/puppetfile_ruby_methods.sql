SELECT DATE '2026-11-15' AS date, m.name AS method, count(DISTINCT site_id) AS sites,
  sum(m.count) AS uses
FROM (
  SELECT site_id, unnest(puppetfile_ruby_methods) AS m
  FROM community_metrics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-08 00:00:00+00'
)
GROUP BY ALL
ORDER BY uses DESC, method NULLS FIRST
