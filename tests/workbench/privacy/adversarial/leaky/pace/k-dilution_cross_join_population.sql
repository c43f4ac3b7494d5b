-- leak: k-dilution: CROSS JOIN with all install ids makes each (version, OS, counter count) group count every install, though each holds one
SELECT
  t.cli_version,
  t.operating_system,
  ARRAY_LENGTH(t.metric_points) AS counters,
  COUNT(DISTINCT everyone.id) AS installs,
  COUNT(*) / COUNT(DISTINCT everyone.id) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
CROSS JOIN (SELECT id FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY id) AS everyone
WHERE t.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY 1, 2, 3
