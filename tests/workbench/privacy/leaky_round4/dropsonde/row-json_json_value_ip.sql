-- leak: row-json: JSON_VALUE of the row's JSON picks the ip, compared with a literal
SELECT version, COUNTIF(JSON_VALUE(TO_JSON_STRING(t), '$.ip') = '10.20.30.40') AS chosen
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
