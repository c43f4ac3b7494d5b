-- expect: identifier-use
SELECT product, ARRAY_LENGTH(ARRAY_AGG(DISTINCT site_id)) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
