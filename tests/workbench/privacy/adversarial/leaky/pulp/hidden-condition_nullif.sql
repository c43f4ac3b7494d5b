-- leak: hidden-condition: NULLIF(users, 17) is NULL exactly for systems with 17 users: COUNT(*) - COUNT(NULLIF(...)) counts them
SELECT postgresql_version, COUNT(*) - COUNT(NULLIF(rbac_stats.users, 17)) AS n_17, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
