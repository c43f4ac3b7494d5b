-- leak: counts-of-parts: JOIN UNNEST(GENERATE_ARRAY(0, 15)) d ON FORMAT('%x', d) = hex digit outputs the generated numbers matching the first two digits of system_id, next to RBAC attributes
SELECT
  d1, d2,
  p.rbac_stats.users,
  p.rbac_stats.groups,
  COUNT(DISTINCT p.system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
INNER JOIN UNNEST(GENERATE_ARRAY(0, 15)) AS d1 ON FORMAT('%x', d1) = SUBSTR(p.system_id, 1, 1)
INNER JOIN UNNEST(GENERATE_ARRAY(0, 15)) AS d2 ON FORMAT('%x', d2) = SUBSTR(p.system_id, 2, 1)
WHERE p.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY d1, d2, p.rbac_stats.users, p.rbac_stats.groups
