-- leak: pipe-syntax: pipe syntax lists each install id
FROM `pace-telemetry-prod.cli.pace_telemetry`
|> SELECT id, cli_version
