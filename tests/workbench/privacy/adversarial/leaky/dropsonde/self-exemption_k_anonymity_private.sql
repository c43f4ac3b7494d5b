-- leak: self-exemption: "allow k-anonymity" granted by the author for groups of private attribute combinations (not public dimensions)
-- privacy: allow k-anonymity because environment counts are small numbers and cannot identify anyone
SELECT
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY environment_count, module_count, version
