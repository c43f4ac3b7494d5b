-- leak: targeted-having: HAVING COUNT(DISTINCT site_id) BETWEEN 1 AND 4 selects the rare Puppetfile methods and their use counts
SELECT
  pm.name AS method,
  COUNT(DISTINCT site_id) AS sites,
  SUM(pm.count) AS uses
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(puppetfile_ruby_methods) AS pm
GROUP BY method
HAVING COUNT(DISTINCT site_id) BETWEEN 1 AND 4
