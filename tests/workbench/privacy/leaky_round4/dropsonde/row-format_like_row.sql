-- leak: row-format: FORMAT('%t', t) LIKE an ip: a chosen site through the whole row
SELECT version, COUNTIF(FORMAT('%t', t) LIKE '%10.20.30.40%') AS chosen
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
