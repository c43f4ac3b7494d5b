-- leak: identifier-output: UNPIVOT moves id into a generic value column next to the version and OS
SELECT attribute, value, COUNT(*) AS uploads
FROM (SELECT id, cli_version, operating_system FROM `pace-telemetry-prod.cli.pace_telemetry`)
UNPIVOT (value FOR attribute IN (id, cli_version, operating_system))
GROUP BY attribute, value
