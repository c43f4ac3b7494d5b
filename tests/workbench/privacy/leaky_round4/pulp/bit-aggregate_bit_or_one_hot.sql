-- leak: bit-aggregate: BIT_OR(1 << roles): the exact set of custom-role counts
SELECT postgresql_version, BIT_OR(1 << LEAST(rbac_stats.custom_roles, 62)) AS role_counts_present
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
