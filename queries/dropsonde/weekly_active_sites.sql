-- question: Weekly active sites: how many distinct sites reported in each of the last twelve
--   weeks (weeks start on Sunday, as BigQuery's WEEK does).
-- example: date=2026-11-15, week=2026-11-08, sites=287
-- personal data: no, one count of sites per week
-- sanitization: site_id is only counted (COUNT DISTINCT); nothing else about a site is output.
SELECT
  CURRENT_DATE() AS date,
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week
ORDER BY week
