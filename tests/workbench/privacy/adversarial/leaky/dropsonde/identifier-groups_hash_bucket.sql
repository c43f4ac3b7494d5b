-- leak: identifier-groups: the first 12 hex digits of SHA256(site_id) have (practically) one site per bucket
SELECT
  SUBSTR(TO_HEX(SHA256(site_id)), 1, 12) AS bucket,
  COUNT(*) AS reports,
  AVG(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY bucket
