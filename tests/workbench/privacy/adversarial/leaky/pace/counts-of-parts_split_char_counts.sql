-- leak: counts-of-parts: ARRAY_LENGTH(SPLIT(id, c)) - 1 counts each hex character of the install id; the 16 counts are a fingerprint, kept with HAVING to look filtered
SELECT shape, COUNT(*) AS uploads
FROM (
  SELECT
    TO_JSON_STRING(ARRAY(
      SELECT ARRAY_LENGTH(SPLIT(id, c)) - 1
      FROM UNNEST(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS c WITH OFFSET AS k
      ORDER BY k
    )) AS shape
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY shape
HAVING COUNT(*) >= 5
