-- leak: error-oracle: SAFE. on the outer call makes only its own errors NULL; the inner LN still fails on 0
SELECT version, COUNT(DISTINCT site_id) AS sites, ROUND(AVG(SAFE.ROUND(LN(ABS(environment_count - 568)))), 2) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
