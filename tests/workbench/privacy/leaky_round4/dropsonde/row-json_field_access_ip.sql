-- leak: row-json: TO_JSON(t).ip: JSON field access on the row reaches the identifier
SELECT version, COUNTIF(STARTS_WITH(LAX_STRING(TO_JSON(t).ip), '10.20.')) AS in_network
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
