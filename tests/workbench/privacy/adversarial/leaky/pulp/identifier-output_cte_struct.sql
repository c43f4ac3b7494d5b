-- leak: identifier-output: system_id packed into STRUCT(system_id AS ref, ...) in a CTE and read back as sys.ref
WITH systems AS (
  SELECT STRUCT(system_id AS ref, postgresql_version AS pg) AS sys, rbac_stats
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT sys.ref, sys.pg, MAX(rbac_stats.users) AS users
FROM systems
GROUP BY sys.ref, sys.pg
