-- leak: small-groups: GROUP BY users, groups and custom roles (private numbers) together: almost every group is one system
SELECT
  rbac_stats.users,
  rbac_stats.groups,
  rbac_stats.custom_roles,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY 1, 2, 3
