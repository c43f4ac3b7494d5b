-- leak: targeted-having: QUALIFY COUNT(*) OVER (PARTITION BY postgresql_version) = 1 over one row per system keeps versions used by exactly one system
WITH latest AS (
  SELECT system_id, postgresql_version, rbac_stats
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
),
singletons AS (
  SELECT postgresql_version, rbac_stats
  FROM latest
  WHERE postgresql_version IS NOT NULL
  QUALIFY COUNT(*) OVER (PARTITION BY postgresql_version) = 1
)
SELECT postgresql_version, SUM(rbac_stats.users) AS users, SUM(rbac_stats.custom_roles) AS roles
FROM singletons
GROUP BY postgresql_version
