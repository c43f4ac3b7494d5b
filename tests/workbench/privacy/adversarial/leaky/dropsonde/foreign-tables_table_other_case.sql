-- leak: foreign-tables: BigQuery table names are case-sensitive: another table
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.Community_Metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
