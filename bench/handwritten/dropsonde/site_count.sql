-- Sites with no module count too: the sites from the rows, the modules from their lists.
WITH recent AS (
  SELECT site_id, modules
  FROM community_metrics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-08 00:00:00+00'
)
SELECT
  DATE '2026-11-15' AS date,
  (SELECT count(DISTINCT site_id) FROM recent) AS sites,
  (SELECT count(DISTINCT m.slug) FROM (SELECT unnest(modules) AS m FROM recent)) AS distinct_modules
