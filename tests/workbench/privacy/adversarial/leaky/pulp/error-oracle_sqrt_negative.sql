-- leak: error-oracle: SQRT of 16 - users fails exactly when some system has more than 16 users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, ROUND(AVG(SQRT(16 - rbac_stats.users)), 2) AS x FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
