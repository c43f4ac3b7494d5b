-- leak: row-json: TO_JSON(t).id compared with a literal
SELECT cli_version, COUNTIF(LAX_STRING(TO_JSON(t).id) = 'chosen-install') AS chosen
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
