-- leak: differencing: the grand total minus the shown versions is the sum of the versions HAVING dropped (one site's count)
SELECT version, SUM(environment_count) AS environments, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY GROUPING SETS ((version), ()) HAVING COUNT(DISTINCT site_id) >= 5
