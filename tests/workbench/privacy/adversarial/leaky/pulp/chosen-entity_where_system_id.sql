-- leak: chosen-entity: WHERE system_id = '<uuid>' publishes one chosen system's daily RBAC numbers
SELECT
  DATE(timestamp) AS day,
  MAX(rbac_stats.users) AS users,
  MAX(rbac_stats.groups) AS user_groups,
  MAX(rbac_stats.custom_roles) AS custom_roles
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
WHERE p.`system_id` = '77a03926-d1d5-41e8-87c0-a273a21a7b70'
GROUP BY day
