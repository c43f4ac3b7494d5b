-- leak: conditional-cell: the systems with over 1000 RBAC users, counted inside each large PostgreSQL group: one system's size and version
SELECT
  postgresql_version,
  SUM(IF(rbac_stats.users > 1000, 1, 0)) AS big_posts,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
