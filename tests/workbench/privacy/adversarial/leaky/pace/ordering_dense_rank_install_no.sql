-- leak: ordering: DENSE_RANK() OVER (ORDER BY id) is an install pseudonym; the outer GROUP BY gives one row per install
SELECT
  install_no,
  COUNT(*) AS uploads,
  MAX(n_points) AS counters
FROM (
  SELECT DENSE_RANK() OVER (ORDER BY id) AS install_no, ARRAY_LENGTH(metric_points) AS n_points
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY install_no
