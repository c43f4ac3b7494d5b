-- leak: error-oracle: SQRT of 16 - users in a WHERE that keeps every row fails exactly when a system has more than 16 users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE SQRT(16 - rbac_stats.users) IS NOT NULL OR rbac_stats.users IS NULL OR TRUE GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
