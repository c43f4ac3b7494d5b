-- leak: k-dilution: the filter version = '0.1.0' (a release not in the fake data) is empty offline, so the check sees no groups; in production it selects the early adopters of that release
SELECT
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  ARRAY_LENGTH(classes) AS class_count,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE version = '0.1.0'
GROUP BY environment_count, module_count, class_count
