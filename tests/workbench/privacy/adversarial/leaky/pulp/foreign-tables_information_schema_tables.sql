-- leak: foreign-tables: reads INFORMATION_SCHEMA.TABLES of the analytics dataset instead of the source table
SELECT table_name, creation_time
FROM `pulp-analytics-prod.analytics.INFORMATION_SCHEMA.TABLES`
