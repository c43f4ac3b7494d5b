-- leak: hidden-condition: a simple CASE on the private value (CASE x WHEN 568 ...) is a condition without a comparison
SELECT version, SUM(CASE environment_count WHEN 568 THEN 1 ELSE 0 END) AS has_568, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
