-- leak: identifier-groups: the outermost SELECT keeps one row per site (QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ...) = 1), with window counts as a fig leaf
SELECT
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  COUNT(*) OVER (PARTITION BY site_id) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp IS NOT NULL
QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
