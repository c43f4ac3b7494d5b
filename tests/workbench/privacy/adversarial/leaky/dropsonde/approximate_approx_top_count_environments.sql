-- leak: approximate: APPROX_TOP_COUNT of a private number returns its values: a rare value is one site's
SELECT product, APPROX_TOP_COUNT(environment_count, 3) AS common_counts, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
