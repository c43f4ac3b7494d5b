-- leak: ordering: MOD(ROW_NUMBER() OVER (ORDER BY id), 5) = 0 samples every fifth install in id order; the sample is defined by the identifier
SELECT
  operating_system,
  COUNT(DISTINCT id) AS sampled_installs,
  AVG(n_points) AS avg_counters
FROM (
  SELECT id, operating_system, ARRAY_LENGTH(metric_points) AS n_points, ROW_NUMBER() OVER (ORDER BY id) AS rn
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
WHERE MOD(rn, 5) = 0
GROUP BY operating_system
