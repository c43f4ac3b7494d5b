-- leak: identifier-groups: the first upload time MIN(timestamp) per install (full precision) is 1:1 with the install and is the group key
SELECT first_upload, SUM(points) AS counters
FROM (
  SELECT id, MIN(timestamp) AS first_upload, MAX(ARRAY_LENGTH(metric_points)) AS points
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  GROUP BY id
)
GROUP BY first_upload
