-- safe: the ten module releases run by the most sites in the last four weeks (ordered by a count, each of at least 5 sites)
SELECT
  m.slug,
  m.version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY m.slug, m.version
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY sites DESC, m.slug, m.version
LIMIT 10
