-- leak: row-per-report: a window COUNT(*) OVER (PARTITION BY version) next to per-report columns still returns one row per report
SELECT
  version,
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  COUNT(*) OVER (PARTITION BY version) AS reports_of_version
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
