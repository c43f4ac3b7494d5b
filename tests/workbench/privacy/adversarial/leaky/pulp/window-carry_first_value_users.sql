-- leak: window-carry: FIRST_VALUE of users in time order per PostgreSQL major, averaged: the first system's user count
SELECT postgresql_version, AVG(first_users) AS first_users, COUNT(DISTINCT system_id) AS systems
FROM (
  SELECT system_id, postgresql_version,
    FIRST_VALUE(rbac_stats.users) OVER (PARTITION BY postgresql_version ORDER BY timestamp) AS first_users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
