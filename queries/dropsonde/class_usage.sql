-- Class usage: for each class of a public module, how many sites declare it and on how
-- many nodes in total, in the last week.
SELECT
  CURRENT_DATE() AS date,
  classes.name AS class,
  COUNT(DISTINCT site_id) AS sites,
  SUM(classes.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(classes) AS classes
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY classes.name
ORDER BY sites DESC, class
