-- leak: filter-combination: a filter on the site's Dropsonde release with keys of the modules catalogue: per module, the few sites on that release
SELECT m.slug, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
WHERE t.version = '0.0.6'
GROUP BY m.slug
