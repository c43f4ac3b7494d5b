-- safe: share of last week's sites that report at least one unused module (one filtered count over a scalar total)
SELECT
  COUNT(DISTINCT site_id) AS sites_with_unused_modules,
  ROUND(COUNT(DISTINCT site_id) / (
    SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  ), 4) AS share
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  AND ARRAY_LENGTH(unused_modules) > 0
