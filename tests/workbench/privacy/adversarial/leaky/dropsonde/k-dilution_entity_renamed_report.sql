-- leak: k-dilution: an inner column named site_id actually holds the report id (CAST(message_id AS BYTES)), so "sites" counts reports and every group looks >= 5
SELECT
  environment_count,
  module_count,
  version,
  COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT CAST(message_id AS BYTES) AS site_id, environment_count, ARRAY_LENGTH(modules) AS module_count, version
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY environment_count, module_count, version
