-- expect: row-level
SELECT DATE(timestamp) AS day, rbac_stats.users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
