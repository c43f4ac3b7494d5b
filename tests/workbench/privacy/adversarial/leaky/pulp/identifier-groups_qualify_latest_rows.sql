-- leak: identifier-groups: the outermost SELECT keeps one row per system (QUALIFY ROW_NUMBER() ... PARTITION BY system_id = 1)
SELECT
  DATE(timestamp) AS day,
  rbac_stats.users,
  rbac_stats.groups,
  postgresql_version
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
