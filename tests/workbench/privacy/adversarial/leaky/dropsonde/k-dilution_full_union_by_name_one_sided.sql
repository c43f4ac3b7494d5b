-- leak: k-dilution: FULL OUTER UNION ALL BY NAME with a site_id column only the population side has: the private groups get NULL entities and all entities land in one NULL group
SELECT
  environment_count,
  module_count,
  COUNT(*) - COUNT(site_id) AS reports
FROM (
  SELECT environment_count, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  FULL OUTER UNION ALL BY NAME
  SELECT site_id
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY environment_count, module_count
