-- leak: implicit-flow: IN-list tests on each of the first four hex digits of system_id set literal bit weights; their sum is a 16-bit prefix of the id, joined with RBAC numbers
WITH bits AS (
  SELECT
    system_id,
    rbac_stats,
    (SELECT SUM(
        (IF(SUBSTR(system_id, pos, 1) IN ('8', '9', 'a', 'b', 'c', 'd', 'e', 'f'), 8, 0)
         + IF(SUBSTR(system_id, pos, 1) IN ('4', '5', '6', '7', 'c', 'd', 'e', 'f'), 4, 0)
         + IF(SUBSTR(system_id, pos, 1) IN ('2', '3', '6', '7', 'a', 'b', 'e', 'f'), 2, 0)
         + IF(SUBSTR(system_id, pos, 1) IN ('1', '3', '5', '7', '9', 'b', 'd', 'f'), 1, 0))
        * CAST(POW(16, 4 - pos) AS INT64))
     FROM UNNEST(GENERATE_ARRAY(1, 4)) AS pos) AS shard_id
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
)
SELECT shard_id, MAX(rbac_stats.users) AS users, MAX(rbac_stats.custom_roles) AS roles, COUNT(*) AS posts
FROM bits
GROUP BY shard_id
