-- leak: row-per-report: GROUP BY timestamp (full precision) gives one row per report, with its private attributes
SELECT
  timestamp,
  COUNT(*) AS reports,
  SUM(environment_count) AS environments,
  SUM(ARRAY_LENGTH(modules)) AS modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY timestamp
