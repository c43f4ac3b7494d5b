-- leak: zero-divisor: a divisor counting the installs of one release on one OS: the query fails when no install has the pair
SELECT COUNT(DISTINCT id) / (SELECT COUNT(DISTINCT id) FROM `pace-telemetry-prod.cli.pace_telemetry` WHERE cli_version = '0.1.0' AND operating_system = 'freebsd') AS ratio
FROM `pace-telemetry-prod.cli.pace_telemetry`
