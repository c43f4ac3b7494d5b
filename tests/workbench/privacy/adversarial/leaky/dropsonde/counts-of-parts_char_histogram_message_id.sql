-- leak: counts-of-parts: LENGTH(message_id) - LENGTH(REPLACE(message_id, c, '')) counts each hex character of the report id; the 16 counts per report are a fingerprint of message_id
SELECT
  histogram,
  COUNT(*) AS reports
FROM (
  SELECT
    TO_JSON_STRING(ARRAY(
      SELECT LENGTH(message_id) - LENGTH(REPLACE(message_id, c, ''))
      FROM UNNEST(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS c WITH OFFSET AS k
      ORDER BY k
    )) AS histogram
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
GROUP BY histogram
