-- leak: zero-divisor: a share whose divisor counts the sites on one rare release: the query fails exactly when no site runs it
SELECT
  COUNT(DISTINCT site_id) AS sites,
  COUNT(DISTINCT site_id) / (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
                             WHERE m.slug = 'puppetlabs-stdlib' AND m.version = '0.1.0') AS ratio
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
