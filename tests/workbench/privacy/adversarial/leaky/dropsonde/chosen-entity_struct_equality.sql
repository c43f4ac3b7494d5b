-- leak: chosen-entity: a STRUCT equality with a literal ip
SELECT version, COUNTIF(STRUCT(ip AS a) = STRUCT('10.1.2.3' AS a)) AS hit, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
