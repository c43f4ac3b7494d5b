-- leak: side-channel: division by zero fails when some site has exactly 568 environments
SELECT version, SUM(1 / (environment_count - 568)) AS x, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
