-- leak: identifier-groups: MOD(ABS(hash of id), 1000000) buckets hold (practically) one install each
SELECT
  MOD(ABS(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(id)), 1, 12)) AS INT64)), 1000000) AS bucket,
  COUNT(*) AS uploads,
  MAX(ARRAY_LENGTH(metric_points)) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY bucket
