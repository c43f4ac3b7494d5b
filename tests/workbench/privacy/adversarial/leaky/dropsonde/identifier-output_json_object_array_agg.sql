-- leak: identifier-output: JSON_OBJECT('ip', ip, ...) inside ARRAY_AGG puts addresses into the output cell
SELECT
  version,
  ARRAY_AGG(TO_JSON_STRING(JSON_OBJECT('ip', ip, 'environments', environment_count)) LIMIT 20) AS samples
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
