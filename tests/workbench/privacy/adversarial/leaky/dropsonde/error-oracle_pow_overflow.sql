-- leak: error-oracle: POW overflows (a FLOAT64 overflow error) exactly when a site has more than 300 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, ROUND(AVG(POW(10, environment_count) * 0), 2) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
