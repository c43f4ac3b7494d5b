-- safe: share of last week's sites running each module slug (ratio to a scalar total), modules on at least 5 sites
SELECT
  m.slug,
  COUNT(DISTINCT site_id) AS sites,
  ROUND(COUNT(DISTINCT site_id) / (
    SELECT COUNT(DISTINCT site_id)
    FROM `bto-dataops-datalake-prod.dujour.community_metrics`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  ), 4) AS share
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY m.slug
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY sites DESC, m.slug
