-- leak: implicit-flow: rebuilds the first 13 characters of system_id from CASE WHEN SUBSTR(system_id, pos, 1) = 'x' THEN 'x' branches inside a correlated STRING_AGG, then groups by the rebuilt tag
WITH tagged AS (
  SELECT
    (SELECT STRING_AGG(
        CASE
          WHEN SUBSTR(p.system_id, pos, 1) = '0' THEN '0'
          WHEN SUBSTR(p.system_id, pos, 1) = '1' THEN '1'
          WHEN SUBSTR(p.system_id, pos, 1) = '2' THEN '2'
          WHEN SUBSTR(p.system_id, pos, 1) = '3' THEN '3'
          WHEN SUBSTR(p.system_id, pos, 1) = '4' THEN '4'
          WHEN SUBSTR(p.system_id, pos, 1) = '5' THEN '5'
          WHEN SUBSTR(p.system_id, pos, 1) = '6' THEN '6'
          WHEN SUBSTR(p.system_id, pos, 1) = '7' THEN '7'
          WHEN SUBSTR(p.system_id, pos, 1) = '8' THEN '8'
          WHEN SUBSTR(p.system_id, pos, 1) = '9' THEN '9'
          WHEN SUBSTR(p.system_id, pos, 1) = 'a' THEN 'a'
          WHEN SUBSTR(p.system_id, pos, 1) = 'b' THEN 'b'
          WHEN SUBSTR(p.system_id, pos, 1) = 'c' THEN 'c'
          WHEN SUBSTR(p.system_id, pos, 1) = 'd' THEN 'd'
          WHEN SUBSTR(p.system_id, pos, 1) = 'e' THEN 'e'
          WHEN SUBSTR(p.system_id, pos, 1) = 'f' THEN 'f'
          WHEN SUBSTR(p.system_id, pos, 1) = '-' THEN '-'
          ELSE '?'
        END, '' ORDER BY pos)
     FROM UNNEST(GENERATE_ARRAY(1, 13)) AS pos) AS deployment_tag,
    p.online_workers.processes AS workers
  FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
  WHERE p.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
)
SELECT deployment_tag, COUNT(*) AS posts, AVG(workers) AS avg_workers
FROM tagged
GROUP BY deployment_tag
