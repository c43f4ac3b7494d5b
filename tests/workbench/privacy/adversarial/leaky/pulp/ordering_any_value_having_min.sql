-- leak: ordering: ANY_VALUE(custom_roles HAVING MIN system_id) and MIN_BY(users, system_id) return the values of the lowest-id system per day
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  ANY_VALUE(rbac_stats.custom_roles HAVING MIN system_id) AS roles_of_first,
  MIN_BY(rbac_stats.users, system_id) AS users_of_first
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
