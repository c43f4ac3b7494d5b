-- expect: identifier-output
SELECT IF(COUNT(*) > 0, MAX(message_id), NULL) AS msg
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
