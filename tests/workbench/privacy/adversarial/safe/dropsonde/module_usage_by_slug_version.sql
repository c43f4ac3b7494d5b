-- safe: sites per public Forge module slug and version in the last week (public dimensions only)
SELECT
  m.slug,
  m.version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY m.slug, m.version
ORDER BY sites DESC, m.slug, m.version
