-- Ruby methods used in Puppetfiles: for each method, how many sites use it and how many
-- times it is used in total, in the last week.
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
