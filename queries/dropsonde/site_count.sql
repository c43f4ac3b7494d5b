-- question: Number of sites that reported in the last week, and the number of distinct public
--   modules they use between them.
-- example: date=2026-11-15, sites=2617, distinct_modules=1893
-- personal data: no, two counts over all sites
-- sanitization: site_id is only counted (COUNT DISTINCT); module slugs are only counted.
SELECT
  CURRENT_DATE() AS date,
  COUNT(DISTINCT site_id) AS sites,
  COUNT(DISTINCT modules.slug) AS distinct_modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
LEFT JOIN UNNEST(modules) AS modules
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
