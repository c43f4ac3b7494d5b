-- leak: differencing: a total and the total without the sites above 560 environments: their difference is the top site's count
SELECT 'all' AS part, SUM(environment_count) AS environments, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` HAVING COUNT(DISTINCT site_id) >= 5
UNION ALL
SELECT 'most' AS part, SUM(environment_count) AS environments, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count < 560 HAVING COUNT(DISTINCT site_id) >= 5
