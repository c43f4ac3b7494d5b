-- safe: installs per exit code of one public command (a filter and keys of the same record), exit codes of at least 5 installs
SELECT
  p.exit_code,
  COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
WHERE p.command_path = 'pace list catalogs'
GROUP BY p.exit_code
HAVING COUNT(DISTINCT id) >= 5
ORDER BY p.exit_code
