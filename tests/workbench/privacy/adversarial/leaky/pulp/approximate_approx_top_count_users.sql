-- leak: approximate: APPROX_TOP_COUNT of users returns user counts, a rare one a single system's
SELECT APPROX_TOP_COUNT(rbac_stats.users, 5) AS common_users, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
HAVING COUNT(DISTINCT system_id) >= 5
