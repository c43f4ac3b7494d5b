-- leak: k-dilution: the inner scope replaces site_id with NULL, so the entity count per group is 0 ("nobody") while each group is one site's private attribute combination
SELECT
  environment_count,
  module_count,
  version,
  COUNT(*) AS reports
FROM (
  SELECT CAST(NULL AS BYTES) AS site_id, environment_count, ARRAY_LENGTH(modules) AS module_count, version
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY environment_count, module_count, version
