-- expect: identifier-output, row-level
SELECT system_id, postgresql_version
FROM `pulp-analytics-prod.analytics.pulp_analytics`
