-- leak: window-threshold: a window count per PostgreSQL major, output per major and user count
WITH s AS (
  SELECT system_id, postgresql_version, rbac_stats.users AS users,
    COUNT(DISTINCT system_id) OVER (PARTITION BY postgresql_version) AS n
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT postgresql_version, users, COUNT(DISTINCT system_id) AS systems
FROM s
WHERE n >= 5
GROUP BY postgresql_version, users
