-- leak: k-dilution: HAVING COUNT(*) >= 5 counts daily posts of one system
SELECT rbac_stats.users, rbac_stats.groups, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY 1, 2 HAVING COUNT(*) >= 5
