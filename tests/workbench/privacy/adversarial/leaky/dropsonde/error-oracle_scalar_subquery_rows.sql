-- leak: error-oracle: a scalar subquery fails with more than one row exactly when two sites have 568 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, (SELECT environment_count FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
