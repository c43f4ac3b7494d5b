-- leak: foreign-tables: a dataset-qualified table-valued function `...analytics.read_parquet`(path) reads a raw export instead of the source table
SELECT COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.read_parquet`('gs://pulp-analytics-raw/posts/*.parquet')
