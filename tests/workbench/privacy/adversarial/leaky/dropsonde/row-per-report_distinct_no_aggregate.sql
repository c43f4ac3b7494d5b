-- leak: row-per-report: SELECT DISTINCT of private attributes without any aggregate is row-level output
SELECT DISTINCT
  DATE(timestamp) AS day,
  version,
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  ARRAY_LENGTH(classes) AS class_count
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
