-- leak: ordering: FIRST_VALUE(cli_version) OVER (ORDER BY id) / LAST_VALUE(...) pick the versions of the lowest and highest ids
SELECT
  operating_system,
  COUNT(DISTINCT id) AS installs,
  MAX(first_version) AS version_of_first_install,
  MAX(last_version) AS version_of_last_install
FROM (
  SELECT
    id,
    operating_system,
    FIRST_VALUE(cli_version) OVER (PARTITION BY operating_system ORDER BY id) AS first_version,
    LAST_VALUE(cli_version) OVER (PARTITION BY operating_system ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_version
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY operating_system
