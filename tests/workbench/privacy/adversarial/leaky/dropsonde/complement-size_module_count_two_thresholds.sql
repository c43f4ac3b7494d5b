-- leak: complement-size: two counts over nested populations (fewer than 200 modules, fewer than 201) differ by the sites with exactly 200
SELECT
  COUNT(DISTINCT site_id) AS sites,
  (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND ARRAY_LENGTH(modules) < 201) AS below_201
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND ARRAY_LENGTH(modules) < 200
