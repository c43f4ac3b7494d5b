-- leak: packed-cell: ANY_VALUE(TO_JSON_STRING(STRUCT(...))) returns one real install's version, OS and counter count per week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT id) AS installs,
  ANY_VALUE(TO_JSON_STRING(STRUCT(cli_version, operating_system, ARRAY_LENGTH(metric_points) AS counters))) AS example
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY week
