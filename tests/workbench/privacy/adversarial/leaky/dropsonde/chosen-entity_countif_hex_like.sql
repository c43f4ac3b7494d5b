-- leak: chosen-entity: COUNTIF(TO_HEX(site_id) LIKE '5a01%') per module shows exactly which modules and versions the chosen site runs
SELECT
  m.slug,
  m.version,
  COUNT(DISTINCT site_id) AS sites,
  COUNTIF(TO_HEX(site_id) LIKE '5a01%') AS canary_reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY m.slug, m.version
HAVING COUNT(DISTINCT site_id) >= 5
