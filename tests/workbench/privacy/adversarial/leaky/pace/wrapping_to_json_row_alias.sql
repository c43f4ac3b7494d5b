-- leak: wrapping: TO_JSON_STRING of the table alias: the whole upload, id included
SELECT cli_version, STRING_AGG(TO_JSON_STRING(t), ',' LIMIT 2) AS sample, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
