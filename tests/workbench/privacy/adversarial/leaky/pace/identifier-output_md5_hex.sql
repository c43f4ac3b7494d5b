-- leak: identifier-output: TO_HEX(MD5(id)), an "anonymised" install key, is still a stable identifier in the output
SELECT TO_HEX(MD5(id)) AS install_key, MAX(ARRAY_LENGTH(metric_points)) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY install_key
