-- question: Environments per site (histogram): how many sites have N Puppet environments, using
--   each site's latest report of the last week. Sites that did not report a count are left out.
-- example: date=2026-11-15, environments=3, sites=127
-- personal data: no, a histogram of sites by their number of environments
-- sanitization: site_id is used only to keep each site's latest report (PARTITION BY) and is not
--   output; each row counts sites.
-- privacy: allow k-anonymity because a bucket of the histogram is a single number of
--   environments: a small count names no site and carries no other attribute of it
WITH latest AS (
  SELECT site_id, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
    AND environment_count IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  CURRENT_DATE() AS date,
  environment_count AS environments,
  COUNT(*) AS sites
FROM latest
GROUP BY environments
ORDER BY environments
