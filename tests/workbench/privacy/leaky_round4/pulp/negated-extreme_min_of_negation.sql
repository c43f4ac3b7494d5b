-- leak: negated-extreme: -MIN(-users): the largest system's RBAC users per PostgreSQL major
SELECT postgresql_version, -MIN(-rbac_stats.users) AS most_users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
