-- safe: sites and nodes per OS family (class_platforms.platform, a public dimension) in the last week, with the share of sites
SELECT
  cp.platform,
  COUNT(DISTINCT site_id) AS sites,
  SUM(cp.count) AS nodes,
  ROUND(COUNT(DISTINCT site_id) / (
    SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  ), 4) AS share_of_sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(class_platforms) AS cp
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY cp.platform
ORDER BY sites DESC
