-- expect: none
SELECT a.product, COUNT(*) AS pairs
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
JOIN `bto-dataops-datalake-prod.dujour.community_metrics` AS b USING (site_id)
GROUP BY a.product
