-- leak: identifier-output: TO_JSON_STRING(STRUCT(id, operating_system)) is grouped and output
SELECT TO_JSON_STRING(STRUCT(id, operating_system)) AS install, COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY install
