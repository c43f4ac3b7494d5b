-- leak: identifier-groups: GROUP BY system_id (not output) gives one row per system with its RBAC maxima
SELECT
  COUNT(*) AS posts,
  MAX(rbac_stats.users) AS users,
  MAX(rbac_stats.custom_roles) AS roles
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY system_id
