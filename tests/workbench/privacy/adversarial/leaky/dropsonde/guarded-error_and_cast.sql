-- leak: guarded-error: the right side of AND casts a constant bad text, evaluated only for sites with 568 environments
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE (environment_count = 568 AND CAST('x' AS INT64) = 1) OR TRUE GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
