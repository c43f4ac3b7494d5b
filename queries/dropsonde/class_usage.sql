-- question: Class usage: for each class of a public module, how many sites declare it and on how
--   many nodes in total, in the last week.
-- example: date=2026-11-15, class=Ntp::Config, sites=412, nodes=18734
-- personal data: no, counts of sites and nodes per class of a public Forge module
-- sanitization: site_id is only counted (COUNT DISTINCT); Dropsonde reports only classes of
--   public modules, so no private class name reaches the report.
SELECT
  CURRENT_DATE() AS date,
  classes.name AS class,
  COUNT(DISTINCT site_id) AS sites,
  SUM(classes.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(classes) AS classes
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY classes.name
ORDER BY sites DESC, class
