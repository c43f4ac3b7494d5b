-- leak: identifier-groups: GROUPING SETS ((cli_version), (cli_version, id)) adds one row per install to the per-version totals
SELECT cli_version, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY GROUPING SETS ((cli_version), (cli_version, id))
