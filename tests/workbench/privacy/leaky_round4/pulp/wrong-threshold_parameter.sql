-- leak: wrong-threshold: the threshold is a query parameter
SELECT postgresql_version, rbac_stats.users AS users, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version, users
HAVING COUNT(DISTINCT system_id) >= @k
