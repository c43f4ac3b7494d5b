-- leak: guarded-error: a constant out-of-range subscript in a CASE branch chosen by a private value
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE (CASE WHEN rbac_stats.users = 17 THEN [1][OFFSET(5)] ELSE 1 END) = 1 OR TRUE GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
