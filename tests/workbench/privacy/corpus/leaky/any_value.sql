-- expect: identifier-output
SELECT version, ANY_VALUE(message_id) AS sample
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
