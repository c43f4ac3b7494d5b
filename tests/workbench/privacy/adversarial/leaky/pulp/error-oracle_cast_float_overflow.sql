-- leak: error-oracle: CAST of a FLOAT64 to INT64 overflows exactly when some system has more than 9 users
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, SUM(CAST(POW(10, rbac_stats.users + 9) AS INT64) - CAST(POW(10, rbac_stats.users + 9) AS INT64)) AS y FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
