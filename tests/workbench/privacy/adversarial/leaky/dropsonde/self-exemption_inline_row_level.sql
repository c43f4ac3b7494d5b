-- leak: self-exemption: an exemption comment placed in the middle of the SELECT allows row-level output of reports
SELECT
  -- privacy: allow row-level because each report is already anonymous
  DATE(timestamp) AS day,
  version,
  environment_count,
  ARRAY_LENGTH(modules) AS module_count
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
