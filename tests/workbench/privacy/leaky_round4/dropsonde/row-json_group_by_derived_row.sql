-- leak: row-json: the JSON of a derived table's row (one ip) as the key
SELECT TO_JSON_STRING(r) AS who, COUNT(*) AS reports
FROM (SELECT ip FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS r
GROUP BY who
