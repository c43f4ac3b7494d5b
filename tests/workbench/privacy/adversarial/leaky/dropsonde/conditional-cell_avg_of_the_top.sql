-- leak: conditional-cell: AVG over the sites above a threshold
SELECT version, AVG(IF(environment_count > 560, environment_count, NULL)) AS top_avg, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
