-- leak: chosen-entity: SUM(IF(ip = literal)) tells whether one ip reported
SELECT version, SUM(IF(ip = '10.1.2.3', 1, 0)) AS hit, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
