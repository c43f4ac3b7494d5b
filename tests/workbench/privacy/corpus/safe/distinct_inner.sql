-- expect: none
SELECT product, COUNT(*) AS sites
FROM (SELECT DISTINCT site_id, product FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY product
