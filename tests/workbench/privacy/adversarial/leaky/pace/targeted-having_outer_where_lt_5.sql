-- leak: targeted-having: an outer WHERE installs < 5 over an aggregated subquery selects only the groups below k
SELECT cli_version, installs, uploads
FROM (
  SELECT cli_version, COUNT(DISTINCT id) AS installs, COUNT(*) AS uploads
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  GROUP BY cli_version
)
WHERE installs < 5
