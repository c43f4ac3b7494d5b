-- leak: ordered-output: the rows' order is the order of each release's largest site (an edge value ranked, not shown)
SELECT version, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY MAX(ARRAY_LENGTH(modules)) DESC
