-- leak: hidden-condition: SIGN of a difference is a comparison: AVG of it tells how many sites are above 560
SELECT version, AVG(SIGN(environment_count - 560)) AS above, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
