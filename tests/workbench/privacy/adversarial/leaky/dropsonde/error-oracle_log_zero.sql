-- leak: error-oracle: LOG of environment_count - 568 fails (LOG of 0) exactly when one site has 568 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, ROUND(AVG(LN(ABS(environment_count - 568) + 0)), 2) AS x FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
