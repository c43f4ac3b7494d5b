-- safe: sites per puppetlabs-stdlib major version per week over twelve weeks (public module, public version)
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  SPLIT(m.version, '.')[SAFE_OFFSET(0)] AS major_version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
  AND m.slug = 'puppetlabs-stdlib'
GROUP BY week, major_version
ORDER BY week, major_version
