-- leak: foreign-tables: a differently-cased dataset is another BigQuery dataset
SELECT cli_version, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.CLI.pace_telemetry` GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
