-- leak: identifier-output: an array literal [ip, message_id] is unnested so each identifier value becomes an output row
SELECT token, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST([ip, message_id]) AS token
GROUP BY token
