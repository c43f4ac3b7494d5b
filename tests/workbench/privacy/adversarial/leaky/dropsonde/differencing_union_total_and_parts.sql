-- leak: differencing: a total beside the versions HAVING keeps, in two UNION ALL branches: the total minus the parts is the dropped versions' sum
SELECT 'all' AS version, SUM(environment_count) AS environments, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics`
UNION ALL
SELECT version, SUM(environment_count) AS environments, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
