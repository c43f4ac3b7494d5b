-- leak: identifier-output: FORMAT('%t') of a struct with the site id
SELECT FORMAT('%t', STRUCT(site_id, version)) AS s, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY s
