-- expect: none
SELECT DISTINCT m.slug
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
