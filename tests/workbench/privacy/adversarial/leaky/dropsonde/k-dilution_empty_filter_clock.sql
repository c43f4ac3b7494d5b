-- leak: k-dilution: WHERE CURRENT_DATE() >= '2026-12-01' is false on the frozen offline clock (empty on fake data) and true in production, where tiny private groups are output
SELECT
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  ARRAY_LENGTH(unused_modules) AS unused_count,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE CURRENT_DATE() >= DATE '2026-12-01'
  AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY environment_count, module_count, unused_count
