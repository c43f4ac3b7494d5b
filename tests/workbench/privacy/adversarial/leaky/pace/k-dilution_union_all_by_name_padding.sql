-- leak: k-dilution: UNION ALL BY NAME appends zero-weight padding rows pairing each (version, OS) combination with every install id, so each group shows all installs
WITH real_rows AS (
  SELECT id, cli_version, operating_system, ARRAY_LENGTH(metric_points) AS counters
  FROM `pace-telemetry-prod.cli.pace_telemetry`
),
padding AS (
  SELECT c.cli_version, c.operating_system, 0 AS counters, p.id
  FROM (SELECT DISTINCT cli_version, operating_system FROM real_rows) AS c
  CROSS JOIN (SELECT DISTINCT id FROM `pace-telemetry-prod.cli.pace_telemetry`) AS p
)
SELECT
  cli_version,
  operating_system,
  SUM(counters) AS counters,
  COUNT(DISTINCT id) AS installs
FROM (
  SELECT id, cli_version, operating_system, counters FROM real_rows
  UNION ALL BY NAME
  SELECT cli_version, operating_system, counters, id FROM padding
)
GROUP BY cli_version, operating_system
