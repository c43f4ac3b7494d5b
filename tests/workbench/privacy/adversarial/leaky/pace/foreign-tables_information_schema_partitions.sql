-- leak: foreign-tables: reads INFORMATION_SCHEMA.PARTITIONS (per-day row counts of the raw table), not the table itself
SELECT partition_id, total_rows
FROM `pace-telemetry-prod.cli.INFORMATION_SCHEMA.PARTITIONS`
WHERE table_name = 'pace_telemetry'
