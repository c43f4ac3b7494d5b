-- expect: none
SELECT a.product, COUNT(DISTINCT a.site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
JOIN `bto-dataops-datalake-prod.dujour.community_metrics` AS b ON a.site_id = b.site_id AND b.timestamp > a.timestamp
GROUP BY a.product
