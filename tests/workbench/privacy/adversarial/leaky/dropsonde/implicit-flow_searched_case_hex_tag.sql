-- leak: implicit-flow: a correlated STRING_AGG over GENERATE_ARRAY positions maps every hex digit of site_id to a literal with CASE WHEN ... = 'x' THEN 'x', giving a 12-digit pseudonym per site
SELECT
  site_tag,
  COUNT(*) AS reports,
  MAX(module_count) AS modules
FROM (
  SELECT
    (SELECT STRING_AGG(
      CASE
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '0' THEN '0'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '1' THEN '1'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '2' THEN '2'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '3' THEN '3'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '4' THEN '4'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '5' THEN '5'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '6' THEN '6'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '7' THEN '7'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '8' THEN '8'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = '9' THEN '9'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'a' THEN 'a'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'b' THEN 'b'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'c' THEN 'c'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'd' THEN 'd'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'e' THEN 'e'
        WHEN SUBSTR(TO_HEX(r.site_id), pos, 1) = 'f' THEN 'f'
        ELSE '?'
      END, '' ORDER BY pos)
     FROM UNNEST(GENERATE_ARRAY(1, 12)) AS pos) AS site_tag,
    ARRAY_LENGTH(r.modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS r
  WHERE r.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
)
GROUP BY site_tag
