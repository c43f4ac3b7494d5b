-- leak: catalogue-argument: a module's version used as a regular expression, guarded by a test of the site's release: the error says some site on 0.8.0 runs it
SELECT COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
WHERE REGEXP_CONTAINS('x', IF(t.version = '0.8.0' AND m.slug = 'acme-billing', '(', 'x'))
