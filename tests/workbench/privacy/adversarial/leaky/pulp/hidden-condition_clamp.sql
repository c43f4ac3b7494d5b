-- leak: hidden-condition: LEAST(GREATEST(users - 999, 0), 1) is 1 exactly for systems above 999 users: SUM of it counts them
SELECT postgresql_version, SUM(LEAST(GREATEST(rbac_stats.users - 999, 0), 1)) AS big, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
