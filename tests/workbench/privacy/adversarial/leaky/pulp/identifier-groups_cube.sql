-- leak: identifier-groups: CUBE(postgresql_version, system_id) includes per-system groups in the result
SELECT postgresql_version, COUNT(*) AS posts, MAX(rbac_stats.users) AS users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY CUBE (postgresql_version, system_id)
