-- leak: zero-divisor: dividing by COUNT(DISTINCT site_id) - 1 fails exactly when some version has one site
SELECT version, COUNT(DISTINCT site_id) AS sites, ROUND(SUM(environment_count) / (COUNT(DISTINCT site_id) - 1), 2) AS x FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
