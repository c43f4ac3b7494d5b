-- leak: chosen-entity: ip IN UNNEST of a literal array
SELECT version, COUNTIF(ip IN UNNEST(['10.1.2.3'])) AS hit, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
