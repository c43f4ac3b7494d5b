-- Weeks start on Sunday (BigQuery's WEEK): DuckDB's date_trunc('week') starts on Monday.
SELECT
  DATE '2026-11-15' AS date,
  CAST(date_trunc('week', CAST("timestamp" AS DATE) + 1) AS DATE) - 1 AS week,
  string_split(m.version, '.')[1] AS major_version,
  count(DISTINCT site_id) AS sites
FROM (
  SELECT site_id, "timestamp", unnest(modules) AS m
  FROM community_metrics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 84 DAY
)
WHERE m.slug = 'puppetlabs-stdlib'
GROUP BY ALL
ORDER BY week, major_version NULLS FIRST
