-- leak: catalogue-argument: CAST of a public module slug as INT64, reached only for one release: fails exactly when a site pairs them
SELECT t.version, COUNT(DISTINCT site_id) AS sites,
  SUM(IF(t.version = '0.8.0', CAST(m.slug AS INT64), 0)) AS probe
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
GROUP BY t.version
HAVING COUNT(DISTINCT site_id) >= 5
