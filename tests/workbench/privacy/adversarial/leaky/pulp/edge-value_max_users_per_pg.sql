-- leak: edge-value: MAX of RBAC users per PostgreSQL version
SELECT postgresql_version, MAX(rbac_stats.users) AS most_users, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
