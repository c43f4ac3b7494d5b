-- expect: none
SELECT product, COUNT(DISTINCT site_id) AS sites
FROM community_metrics
GROUP BY product
