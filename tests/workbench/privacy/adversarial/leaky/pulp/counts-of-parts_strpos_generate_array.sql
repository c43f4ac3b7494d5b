-- leak: counts-of-parts: ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, k, 1)))) is each hex digit + 1; six such counts are the id prefix
SELECT
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 1, 1)))) AS n1,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 2, 1)))) AS n2,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 3, 1)))) AS n3,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 4, 1)))) AS n4,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 5, 1)))) AS n5,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(system_id, 6, 1)))) AS n6,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY n1, n2, n3, n4, n5, n6
