-- leak: error-oracle: DATE_ADD past 9999-12-31 fails exactly when some site has environments
SELECT version, COUNT(DISTINCT site_id) AS sites, MAX(DATE_ADD(DATE '9999-12-01', INTERVAL environment_count DAY)) IS NULL AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
