-- leak: foreign-tables: a differently-cased table name is another BigQuery table
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.Pulp_Analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
