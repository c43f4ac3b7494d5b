-- leak: struct-key: a STRUCT key of the release and a module slug
SELECT STRUCT(t.version AS release, m.slug AS slug) AS k, COUNT(DISTINCT t.site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
GROUP BY k
