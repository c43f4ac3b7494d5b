-- leak: open-bucket: MAX(cumulative_count) of the bucket '1000+' is the heaviest install's counter
SELECT IF(p.cumulative_count >= 1000, '1000+', 'under 1000') AS bucket,
  MAX(p.cumulative_count) AS top, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY bucket
HAVING COUNT(DISTINCT id) >= 5
