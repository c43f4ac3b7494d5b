-- leak: identifier-output: LAG(id) OVER (PARTITION BY cli_version ORDER BY timestamp) outputs the install that uploaded just before, aggregated with MAX
SELECT
  cli_version,
  MAX(previous_install) AS example_install
FROM (
  SELECT cli_version, LAG(id) OVER (PARTITION BY cli_version ORDER BY timestamp) AS previous_install
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY cli_version
