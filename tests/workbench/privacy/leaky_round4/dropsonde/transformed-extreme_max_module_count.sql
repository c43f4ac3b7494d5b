-- leak: transformed-extreme: MAX(ARRAY_LENGTH(modules)): the largest site's number of modules
SELECT product, MAX(ARRAY_LENGTH(modules)) AS most_modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
