-- leak: foreign-tables: read_parquet(...) reads an export outside the source table (a DuckDB table function; on BigQuery a table-valued function call)
SELECT COUNT(*) AS rows_read
FROM read_parquet('gs://bto-dataops-exports/community_metrics/*.parquet')
