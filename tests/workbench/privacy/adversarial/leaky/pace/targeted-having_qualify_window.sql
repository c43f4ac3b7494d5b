-- leak: targeted-having: QUALIFY COUNT(DISTINCT id) OVER (PARTITION BY cli_version) = 1 keeps uploads of versions with a single install; the outer aggregate describes that install
SELECT
  cli_version,
  COUNT(*) AS uploads,
  MAX(ARRAY_LENGTH(metric_points)) AS counters
FROM (
  SELECT cli_version, metric_points
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE cli_version IS NOT NULL
  QUALIFY COUNT(DISTINCT id) OVER (PARTITION BY cli_version) = 1
)
GROUP BY cli_version
