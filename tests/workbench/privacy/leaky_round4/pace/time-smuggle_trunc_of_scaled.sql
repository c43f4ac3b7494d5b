-- leak: time-smuggle: TIMESTAMP_TRUNC(.., DAY) of a timestamp built from the upload's second of day
SELECT
  TIMESTAMP_TRUNC(TIMESTAMP_SECONDS(MOD(UNIX_SECONDS(timestamp), 86400) * 86400), DAY) AS second_day,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY second_day
