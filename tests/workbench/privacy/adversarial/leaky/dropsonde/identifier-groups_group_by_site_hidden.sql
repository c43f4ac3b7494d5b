-- leak: identifier-groups: GROUP BY site_id without outputting it still gives one row per site with its private attributes
SELECT
  COUNT(*) AS reports,
  MAX(environment_count) AS environments,
  MAX(ARRAY_LENGTH(modules)) AS modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY site_id
