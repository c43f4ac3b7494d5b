-- leak: window-carry: ANY_VALUE(users) OVER (PARTITION BY major) carries one system's users into every row of its major, averaged per major
SELECT pg, AVG(u) AS some_users, COUNT(DISTINCT system_id) AS systems
FROM (
  SELECT system_id, DIV(postgresql_version, 10000) AS pg, ANY_VALUE(rbac_stats.users) OVER (PARTITION BY DIV(postgresql_version, 10000)) AS u
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
GROUP BY pg
HAVING COUNT(DISTINCT system_id) >= 5
