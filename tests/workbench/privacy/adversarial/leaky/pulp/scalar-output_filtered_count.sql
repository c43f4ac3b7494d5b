-- leak: scalar-output: a scalar subquery counts the systems with exactly 17 users: 0 or 1
SELECT CURRENT_DATE() AS day, (SELECT COUNT(DISTINCT system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE rbac_stats.users = 17) AS systems
