-- leak: row-per-report: CAST(timestamp AS STRING) (microseconds included) as output key is one group per upload
SELECT
  CAST(timestamp AS STRING) AS uploaded_at,
  ANY_VALUE(cli_version) AS cli_version,
  COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY uploaded_at
