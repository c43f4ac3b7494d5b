-- leak: error-oracle: GENERATE_ARRAY with a step of zero fails exactly when a system has 17 users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, MAX(ARRAY_LENGTH(GENERATE_ARRAY(1, 3, rbac_stats.users - 17))) AS y FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
