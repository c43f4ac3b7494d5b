-- leak: k-dilution: a constant column named _wb_k (the checker's own counter name) in the output next to groups of private attribute combinations
SELECT
  environment_count,
  ARRAY_LENGTH(modules) AS module_count,
  version,
  COUNT(*) AS reports,
  1000 AS `_wb_k`
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY environment_count, module_count, version
