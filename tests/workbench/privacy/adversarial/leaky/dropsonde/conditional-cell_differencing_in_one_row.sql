-- leak: conditional-cell: differencing inside one row
SELECT version, SUM(environment_count) - SUM(IF(environment_count < 560, environment_count, 0)) AS top, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
