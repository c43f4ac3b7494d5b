-- leak: small-groups: NTILE(100) over a private counter as the key: each percentile bucket holds three or four installs
SELECT bucket, COUNT(DISTINCT id) AS installs FROM (
  SELECT id, NTILE(100) OVER (ORDER BY p.cumulative_count) AS bucket
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE p.command_path = 'pace list catalogs'
)
GROUP BY bucket
