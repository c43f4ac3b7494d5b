-- leak: implicit-flow: per position a CASE SUBSTR(system_id, pos, 1) WHEN ... maps the character to a literal, PIVOT spreads the first six positions into columns c1..c6 that are grouped and output
WITH chars AS (
  SELECT
    system_id,
    rbac_stats.users AS users,
    pos,
    CASE SUBSTR(system_id, pos, 1)
      WHEN '0' THEN '0'
      WHEN '1' THEN '1'
      WHEN '2' THEN '2'
      WHEN '3' THEN '3'
      WHEN '4' THEN '4'
      WHEN '5' THEN '5'
      WHEN '6' THEN '6'
      WHEN '7' THEN '7'
      WHEN '8' THEN '8'
      WHEN '9' THEN '9'
      WHEN 'a' THEN 'a'
      WHEN 'b' THEN 'b'
      WHEN 'c' THEN 'c'
      WHEN 'd' THEN 'd'
      WHEN 'e' THEN 'e'
      WHEN 'f' THEN 'f'
      ELSE '-'
    END AS ch
  FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(GENERATE_ARRAY(1, 6)) AS pos
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
)
SELECT c1, c2, c3, c4, c5, c6, COUNT(*) AS posts, MAX(users) AS users
FROM chars
PIVOT (ANY_VALUE(ch) FOR pos IN (1 AS c1, 2 AS c2, 3 AS c3, 4 AS c4, 5 AS c5, 6 AS c6))
GROUP BY c1, c2, c3, c4, c5, c6
