-- leak: identifier-output: UNPIVOT turns ip and message_id into values of a generic "value" column that is then grouped and output
SELECT field, value, COUNT(*) AS n
FROM (
  SELECT ip, message_id FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
UNPIVOT (value FOR field IN (ip, message_id))
GROUP BY field, value
