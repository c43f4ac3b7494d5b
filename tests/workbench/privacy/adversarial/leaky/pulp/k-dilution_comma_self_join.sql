-- leak: k-dilution: a comma self-join with all posts of the same day puts every system of that day behind each RBAC group (COUNT(DISTINCT b.system_id)), though a.* is one system
SELECT
  a.rbac_stats.users AS users,
  a.rbac_stats.custom_roles AS roles,
  COUNT(DISTINCT b.system_id) AS systems,
  COUNT(DISTINCT a.timestamp) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS a, `pulp-analytics-prod.analytics.pulp_analytics` AS b
WHERE DATE(a.timestamp) = DATE(b.timestamp)
  AND a.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY users, roles
