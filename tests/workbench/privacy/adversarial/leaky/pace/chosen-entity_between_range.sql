-- leak: chosen-entity: WHERE id BETWEEN '14058' AND '14059' narrows the population to the one install whose id falls in that range
SELECT
  operating_system,
  cli_version,
  COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
WHERE id BETWEEN '14058' AND '14059'
GROUP BY operating_system, cli_version
