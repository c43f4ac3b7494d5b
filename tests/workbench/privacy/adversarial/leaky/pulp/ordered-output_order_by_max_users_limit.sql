-- leak: ordered-output: ORDER BY MAX(users) LIMIT 1: the PostgreSQL major of the system with the most users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY MAX(rbac_stats.users) DESC
LIMIT 1
