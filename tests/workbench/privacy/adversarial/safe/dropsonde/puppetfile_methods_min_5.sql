-- safe: Puppetfile Ruby methods by sites and uses over four weeks, methods used by at least 5 sites
SELECT
  pm.name AS method,
  COUNT(DISTINCT site_id) AS sites,
  SUM(pm.count) AS uses
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(puppetfile_ruby_methods) AS pm
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY method
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY uses DESC
