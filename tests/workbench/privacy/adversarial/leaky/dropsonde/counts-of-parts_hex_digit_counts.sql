-- leak: counts-of-parts: for the first 10 hex digits of site_id, COUNT(*) over UNNEST(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', digit))) yields the digit value + 1; the array of counts is the site id prefix
SELECT
  digit_counts,
  COUNT(*) AS reports
FROM (
  SELECT
    TO_JSON_STRING(ARRAY(
      SELECT COUNT(*)
      FROM UNNEST(GENERATE_ARRAY(1, 10)) AS pos,
        UNNEST(GENERATE_ARRAY(1, STRPOS('0123456789abcdef', SUBSTR(TO_HEX(site_id), pos, 1)))) AS tick
      GROUP BY pos
      ORDER BY pos
    )) AS digit_counts
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY digit_counts
