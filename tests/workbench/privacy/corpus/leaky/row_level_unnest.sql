-- expect: row-level
SELECT m.slug, m.version
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
