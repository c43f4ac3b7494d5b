-- leak: counts-of-parts: ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, k, 1)))) for k = 1..5 are "counts" equal to the id's first five hex digits + 1
SELECT
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, 1, 1)))) AS a,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, 2, 1)))) AS b,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, 3, 1)))) AS c,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, 4, 1)))) AS d,
  ARRAY_LENGTH(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(id, 5, 1)))) AS e,
  COUNT(*) AS uploads
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY a, b, c, d, e
