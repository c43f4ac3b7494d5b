-- leak: one-row-pick: WHERE timestamp = (SELECT MAX(timestamp) ...) keeps one report; its modules per public slug list one site's modules
SELECT m.slug, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp = (SELECT MAX(timestamp) FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY m.slug
