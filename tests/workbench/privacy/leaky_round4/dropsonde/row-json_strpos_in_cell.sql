-- leak: row-json: STRPOS of a message id in the row's JSON inside SUM: a chosen report
SELECT product, SUM(SIGN(STRPOS(TO_JSON_STRING(t), '"message_id":"abc'))) AS chosen
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
