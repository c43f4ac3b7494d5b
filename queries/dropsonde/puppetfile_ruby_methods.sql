-- question: Ruby methods used in Puppetfiles: for each method, how many sites use it and how many
--   times it is used in total, in the last week.
-- example: date=2026-11-15, method=require, sites=131, uses=197
-- personal data: no, counts of sites and uses per Ruby method name
-- sanitization: site_id is only counted (COUNT DISTINCT); Dropsonde reports method names, never
--   their arguments, so no repository URL or module name of a site is included.
SELECT
  CURRENT_DATE() AS date,
  methods.name AS method,
  COUNT(DISTINCT site_id) AS sites,
  SUM(methods.count) AS uses
FROM `bto-dataops-datalake-prod.dujour.community_metrics`,
  UNNEST(puppetfile_ruby_methods) AS methods
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY methods.name
ORDER BY uses DESC, method
