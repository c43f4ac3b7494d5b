-- leak: foreign-tables: a CTE named pace_telemetry shadows the table and renames id to cli_version
WITH pace_telemetry AS (
  SELECT id AS cli_version, operating_system, id
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
SELECT cli_version, operating_system, COUNT(DISTINCT id) AS installs
FROM pace_telemetry
GROUP BY cli_version, operating_system
