-- leak: kll-sketch: a KLL sketch of RBAC users as the output: the values it summarises
SELECT postgresql_version, KLL_QUANTILES.INIT_INT64(rbac_stats.users) AS sketch
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
