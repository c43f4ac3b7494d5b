-- leak: concat-key: CONCAT of the Dropsonde release and a module slug: two catalogues crossed in one key
SELECT CONCAT(t.version, ' / ', m.slug) AS release_module, COUNT(DISTINCT t.site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
GROUP BY release_module
