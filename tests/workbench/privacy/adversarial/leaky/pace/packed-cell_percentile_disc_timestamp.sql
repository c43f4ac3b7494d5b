-- leak: packed-cell: PERCENTILE_DISC of upload time
SELECT DISTINCT cli_version, PERCENTILE_DISC(timestamp, 0) OVER (PARTITION BY cli_version) AS first_upload FROM `pace-telemetry-prod.cli.pace_telemetry`
