-- leak: error-oracle: DATE(y, m, d) with a month computed from data fails when a site has more than 12 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, MAX(DATE(2020, environment_count, 1)) > DATE '2000-01-01' AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
