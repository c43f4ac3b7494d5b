-- expect: identifier-output
SELECT m.slug, ARRAY_AGG(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
