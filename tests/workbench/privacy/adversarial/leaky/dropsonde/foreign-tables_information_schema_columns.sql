-- leak: foreign-tables: reads the dataset's INFORMATION_SCHEMA.COLUMNS (metadata of every table in the dataset, not the source table)
SELECT table_name, COUNT(*) AS columns
FROM `bto-dataops-datalake-prod.dujour.INFORMATION_SCHEMA.COLUMNS`
GROUP BY table_name
