-- leak: k-dilution: the counted "installs" come from a LEFT JOIN side that never matches (NULL ids), so the measured entity count is 0 for every (operating system, exact counter) group
SELECT
  t.operating_system,
  p.command_path,
  p.cumulative_count,
  COUNT(DISTINCT nobody.id) AS installs,
  COUNT(*) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
CROSS JOIN UNNEST(t.metric_points) AS p
LEFT JOIN (SELECT id FROM `pace-telemetry-prod.cli.pace_telemetry` WHERE FALSE) AS nobody ON nobody.id = t.id
GROUP BY t.operating_system, p.command_path, p.cumulative_count
