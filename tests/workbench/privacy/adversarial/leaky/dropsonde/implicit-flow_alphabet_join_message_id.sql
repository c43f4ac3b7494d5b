-- leak: implicit-flow: joins each report to a literal hex alphabet ON SUBSTR(message_id, pos, 1) = ch and re-assembles the report id from the alphabet side only
SELECT
  rebuilt AS report_key,
  COUNT(*) AS reports
FROM (
  SELECT
    r.message_id AS m,
    STRING_AGG(ch, '' ORDER BY pos) AS rebuilt
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS r
  CROSS JOIN UNNEST(GENERATE_ARRAY(1, 32)) AS pos
  INNER JOIN UNNEST(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS ch
    ON SUBSTR(r.message_id, pos, 1) = ch
  WHERE r.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  GROUP BY m
)
GROUP BY report_key
