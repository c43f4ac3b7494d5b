-- expect: none
SELECT m.slug, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
HAVING COUNT(DISTINCT site_id) >= 5
