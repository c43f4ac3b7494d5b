-- question: Adoption of puppetlabs-stdlib major versions: for each of the last twelve weeks,
--   how many sites run each major version (a site running two majors counts for both).
-- example: date=2026-11-15, week=2026-11-08, major_version=9, sites=171
-- personal data: no, counts of sites per public module major version and week
-- sanitization: site_id is only counted (COUNT DISTINCT); stdlib is a public Forge module.
SELECT
  CURRENT_DATE() AS date,
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  SPLIT(modules.version, '.')[SAFE_OFFSET(0)] AS major_version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS modules
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
  AND modules.slug = 'puppetlabs-stdlib'
GROUP BY week, major_version
ORDER BY week, major_version
