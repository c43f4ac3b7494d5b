-- leak: foreign-tables: FOR SYSTEM_TIME AS OF reads deleted rows
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 6 DAY) GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
