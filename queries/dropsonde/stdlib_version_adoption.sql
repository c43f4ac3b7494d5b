-- Adoption of puppetlabs-stdlib major versions: for each of the last twelve weeks, how many
-- sites run each major version (a site running two majors counts for both).
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
