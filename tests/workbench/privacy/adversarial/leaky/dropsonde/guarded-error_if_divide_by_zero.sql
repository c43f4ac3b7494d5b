-- leak: guarded-error: a division by a constant zero runs only for the site with 568 environments: the WHERE keeps every row, the job fails when that site exists
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE IF(environment_count = 568, 1 / 0, 1) = 1 OR TRUE GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
