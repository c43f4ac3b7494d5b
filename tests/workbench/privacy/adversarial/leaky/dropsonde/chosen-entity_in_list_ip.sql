-- leak: chosen-entity: WHERE ip IN (two literal addresses) filters to two chosen sites and publishes their module inventory
SELECT m.slug, COUNT(*) AS installs
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS r, UNNEST(r.modules) AS m
WHERE r.ip IN ('168.48.51.49', '134.20.54.67')
GROUP BY m.slug
