-- leak: error-oracle: LN in a filter that keeps every row fails (LN of 0) exactly when one site has 568 environments
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE LN(ABS(environment_count - 568)) > -1000 OR environment_count IS NULL OR TRUE GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
