-- safe: sites and nodes per public class name in the last week (public dimension only)
SELECT
  c.name AS class_name,
  COUNT(DISTINCT site_id) AS sites,
  SUM(c.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(classes) AS c
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY class_name
ORDER BY sites DESC, class_name
