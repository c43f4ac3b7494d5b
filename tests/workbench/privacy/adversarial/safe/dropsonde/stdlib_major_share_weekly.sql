-- safe: per week, sites reporting any module and those running stdlib major 9 (a condition of the modules catalogue only, per period; SAFE_CAST of the public version)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT site_id) AS sites,
  COUNT(DISTINCT IF(
    m.slug = 'puppetlabs-stdlib' AND SAFE_CAST(SPLIT(m.version, '.')[SAFE_OFFSET(0)] AS INT64) = 9,
    site_id, NULL)) AS stdlib_9_sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY week
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY week
