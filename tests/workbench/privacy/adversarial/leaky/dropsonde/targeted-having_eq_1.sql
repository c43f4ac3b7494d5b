-- leak: targeted-having: HAVING COUNT(DISTINCT site_id) = 1 keeps only modules used by exactly one site, with that site's environment count
SELECT
  m.slug,
  m.version,
  COUNT(DISTINCT site_id) AS sites,
  AVG(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY m.slug, m.version
HAVING COUNT(DISTINCT site_id) = 1
