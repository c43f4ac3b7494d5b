-- expect: none
SELECT product, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE site_id IN (SELECT site_id FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count > 3)
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
