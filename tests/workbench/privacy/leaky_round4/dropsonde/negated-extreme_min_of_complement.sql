-- leak: negated-extreme: MIN(constant - x) is the constant minus the largest site's number
SELECT product, 1000000 - MIN(1000000 - environment_count) AS most_environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
