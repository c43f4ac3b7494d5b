-- leak: error-oracle: REPEAT with a negative count fails exactly when some site has more than 568 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, MAX(LENGTH(REPEAT('x', 568 - environment_count))) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
