-- leak: side-channel: division fails if some system has exactly 17 users
SELECT postgresql_version, AVG(1 / (rbac_stats.users - 17)) AS x, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
