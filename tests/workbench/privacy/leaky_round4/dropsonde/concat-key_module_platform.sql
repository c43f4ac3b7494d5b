-- leak: concat-key: CONCAT of a module slug and a class platform (two repeated records) in one key
SELECT CONCAT(m.slug, '@', p.platform) AS k, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m, UNNEST(class_platforms) AS p
GROUP BY k
