-- leak: k-dilution: an inner column named _wb_entity holding message_id makes every report count as a distinct entity
SELECT
  environment_count,
  module_count,
  COUNT(DISTINCT _wb_entity) AS reports
FROM (
  SELECT message_id AS _wb_entity, environment_count, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY environment_count, module_count
