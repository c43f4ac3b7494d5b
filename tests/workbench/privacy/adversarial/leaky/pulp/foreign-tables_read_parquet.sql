-- leak: foreign-tables: read_parquet(...) of a raw export bypasses the source table
SELECT COUNT(DISTINCT system_id) AS systems
FROM read_parquet('data/pulp/part-00000.parquet')
