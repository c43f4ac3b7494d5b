-- leak: zero-divisor: SUM(x) / COUNT(*) of a subgroup picked by a private value, with the k-threshold on the whole group
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, SUM(rbac_stats.users) / COUNTIF(rbac_stats.users > 1000) AS r FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
