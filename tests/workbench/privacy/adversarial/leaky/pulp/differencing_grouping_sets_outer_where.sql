-- leak: differencing: grouping sets filtered by an outer WHERE on the count drop small parts beside their total
SELECT * FROM (SELECT postgresql_version, SUM(rbac_stats.users) AS users, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY GROUPING SETS ((postgresql_version), ())) WHERE systems >= 5
