-- leak: row-per-report: GROUP BY message_id with COUNT(*) of modules yields one row per report (message_id is not output but keys every row)
SELECT
  COUNT(*) AS modules,
  COUNT(DISTINCT m.slug) AS distinct_slugs,
  ANY_VALUE(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY message_id
