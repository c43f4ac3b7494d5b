-- expect: select-star, identifier-output, row-level
SELECT t.*, m.slug
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(modules) AS m
