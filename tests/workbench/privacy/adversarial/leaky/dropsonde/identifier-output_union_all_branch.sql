-- leak: identifier-output: the second UNION ALL branch places ip in the "module" column of an otherwise aggregate result
SELECT m.slug AS module, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
UNION ALL
SELECT ip AS module, COUNT(*) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY ip
