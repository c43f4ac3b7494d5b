-- leak: string-keep: BIT_XOR of FARM_FINGERPRINT(id) per release: with one install the cell is its hash
SELECT cli_version, BIT_XOR(FARM_FINGERPRINT(id)) AS x FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY cli_version
