-- leak: small-groups: the set of non-zero exit codes an install has seen, with its OS, gives groups of one or two installs
SELECT
  exit_codes,
  operating_system,
  COUNT(DISTINCT id) AS installs
FROM (
  SELECT
    id,
    operating_system,
    (SELECT STRING_AGG(DISTINCT CAST(p.exit_code AS STRING), ',' ORDER BY CAST(p.exit_code AS STRING)) FROM UNNEST(metric_points) AS p WHERE p.exit_code != 0) AS exit_codes
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY exit_codes, operating_system
