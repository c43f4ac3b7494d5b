-- expect: identifier-output
SELECT m.slug, MAX(site_id) AS last_site
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
