-- leak: histogram-rare: systems by exact number of RBAC users: the rare large values are single systems
SELECT rbac_stats.users AS users, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY users
