-- leak: k-dilution: system_id is replaced by CAST(NULL AS STRING) in the inner scope, so the entity count of each tiny group is 0
SELECT
  users, user_groups, custom_roles,
  COUNT(*) AS posts
FROM (
  SELECT
    CAST(NULL AS STRING) AS system_id,
    rbac_stats.users AS users,
    rbac_stats.groups AS user_groups,
    rbac_stats.custom_roles AS custom_roles
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
GROUP BY users, user_groups, custom_roles
