-- question: Modules per site (histogram): how many sites have N public modules installed, using
--   each site's latest report of the last week.
-- example: date=2026-11-15, module_count=24, sites=96
-- personal data: no, a histogram of sites by their number of public modules
-- sanitization: site_id is used only to keep each site's latest report (PARTITION BY) and is not
--   output; each row counts sites.
-- privacy: allow k-anonymity because a bucket of the histogram is a single module count: a small
--   count names no site and carries no other attribute of it
WITH latest AS (
  SELECT site_id, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  CURRENT_DATE() AS date,
  module_count,
  COUNT(*) AS sites
FROM latest
GROUP BY module_count
ORDER BY module_count
