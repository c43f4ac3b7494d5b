-- leak: ordering: ROW_NUMBER() OVER (ORDER BY message_id) = 1 selects a single report by identifier order; the "average" is that one site's values
SELECT
  AVG(environment_count) AS environments,
  AVG(ARRAY_LENGTH(modules)) AS modules,
  COUNT(*) AS reports
FROM (
  SELECT environment_count, modules, ROW_NUMBER() OVER (ORDER BY message_id) AS rn
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
WHERE rn = 1
