-- leak: error-oracle: INT64 multiplication overflows exactly when some system has 2 or more users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, SUM(rbac_stats.users * 4611686018427387904 - rbac_stats.users * 4611686018427387904) AS y FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
