-- leak: identifier-output: JSON_OBJECT('system', system_id, ...) aggregated with ARRAY_AGG puts ids into the output
SELECT
  postgresql_version,
  ARRAY_AGG(TO_JSON_STRING(JSON_OBJECT('system', system_id, 'users', rbac_stats.users)) LIMIT 10) AS examples
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
