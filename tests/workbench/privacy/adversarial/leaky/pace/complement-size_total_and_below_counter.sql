-- leak: complement-size: installs beside installs whose counter is below 10000: the complement is the one heaviest user
SELECT
  (SELECT COUNT(DISTINCT id) FROM `pace-telemetry-prod.cli.pace_telemetry` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)) AS installs,
  (SELECT COUNT(DISTINCT id) FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY) AND p.cumulative_count < 10000) AS light_installs
