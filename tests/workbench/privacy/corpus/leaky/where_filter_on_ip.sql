-- expect: identifier-use
SELECT product, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE site_id IS NOT NULL AND ip NOT LIKE '10.%' AND message_id != ''
GROUP BY product
