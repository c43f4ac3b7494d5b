-- leak: row-format: FORMAT('%T') of a STRUCT of the row's identifiers as a key
SELECT FORMAT('%T', (SELECT AS STRUCT r.*)) AS who, COUNT(*) AS reports
FROM (SELECT message_id FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS r
GROUP BY who
