-- leak: chosen-entity: REGEXP_CONTAINS(ip, r'^168\.48\.') picks the sites of one network (one customer) and publishes their class platforms
SELECT
  cp.platform,
  COUNT(DISTINCT site_id) AS sites,
  SUM(cp.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(class_platforms) AS cp
WHERE REGEXP_CONTAINS(ip, r'^168\.48\.')
GROUP BY cp.platform
