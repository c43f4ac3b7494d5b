-- leak: zero-divisor: 1 / a count narrowed by a Dropsonde release and a module together: fails when no site has the pair
SELECT version, COUNT(DISTINCT site_id) AS sites,
  1 / (SELECT COUNT(*) FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS x, UNNEST(x.modules) AS m WHERE x.version = '0.8.0' AND m.slug = 'acme-billing') AS probe
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
