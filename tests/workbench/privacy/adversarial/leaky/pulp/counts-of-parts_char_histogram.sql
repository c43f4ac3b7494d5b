-- leak: counts-of-parts: the count of each hex character in system_id (ARRAY_LENGTH(SPLIT(system_id, c)) - 1) is a near-unique per-system fingerprint
SELECT
  histogram,
  COUNT(DISTINCT system_id) AS systems
FROM (
  SELECT
    system_id,
    TO_JSON_STRING(ARRAY(
      SELECT ARRAY_LENGTH(SPLIT(system_id, c)) - 1
      FROM UNNEST(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS c WITH OFFSET AS k
      ORDER BY k
    )) AS histogram
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
)
GROUP BY histogram
