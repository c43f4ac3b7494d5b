-- leak: k-dilution: an inner column named _wb_entity holds id || timestamp, so every upload is counted as a separate entity
SELECT
  cli_version,
  counters,
  COUNT(DISTINCT _wb_entity) AS installs
FROM (
  SELECT CONCAT(id, CAST(timestamp AS STRING)) AS _wb_entity, cli_version, ARRAY_LENGTH(metric_points) AS counters
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY cli_version, counters
