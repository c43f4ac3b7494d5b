-- expect: none
SELECT COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
WHERE EXISTS (SELECT 1 FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS b WHERE b.site_id = a.site_id AND b.product = 'dropsonde')
