-- leak: string-keep: a histogram of the identifier's length per release: a count over an identifier's shape
SELECT version, LENGTH(message_id) AS id_length, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, id_length
HAVING COUNT(DISTINCT site_id) >= 5
