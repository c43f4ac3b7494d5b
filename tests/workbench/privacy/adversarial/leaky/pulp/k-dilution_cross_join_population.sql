-- leak: k-dilution: CROSS JOIN with every system id makes each RBAC group count 300 distinct systems while it holds one real system
SELECT
  p.rbac_stats.users,
  p.rbac_stats.groups,
  p.rbac_stats.custom_roles,
  COUNT(DISTINCT everyone.system_id) AS systems,
  COUNT(*) / COUNT(DISTINCT everyone.system_id) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
CROSS JOIN (SELECT DISTINCT system_id FROM `pulp-analytics-prod.analytics.pulp_analytics`) AS everyone
WHERE p.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY 1, 2, 3
