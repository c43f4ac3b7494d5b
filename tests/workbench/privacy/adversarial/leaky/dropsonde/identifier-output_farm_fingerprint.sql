-- leak: identifier-output: FARM_FINGERPRINT(message_id) is a stable pseudonym of the report id, output as a key
SELECT
  FARM_FINGERPRINT(message_id) AS report_key,
  ARRAY_LENGTH(ANY_VALUE(modules)) AS modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY report_key
