-- leak: edge-value: the 50-norm of the users is the largest system's count within 2%: a soft maximum
SELECT postgresql_version, SAFE.POWER(SUM(SAFE.POWER(rbac_stats.users, 50)), 0.02) AS top, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
