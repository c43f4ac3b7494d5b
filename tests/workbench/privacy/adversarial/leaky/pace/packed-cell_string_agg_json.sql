-- leak: packed-cell: STRING_AGG(TO_JSON_STRING(metric_points), '|' LIMIT 50) packs the counters of 50 uploads per CLI version into one string
SELECT
  cli_version,
  COUNT(DISTINCT id) AS installs,
  STRING_AGG(TO_JSON_STRING(metric_points), '|' LIMIT 50) AS samples
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY cli_version
