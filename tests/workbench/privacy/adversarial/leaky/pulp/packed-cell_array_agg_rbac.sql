-- leak: packed-cell: ARRAY_AGG(rbac_stats IGNORE NULLS ORDER BY users DESC LIMIT 20) returns the RBAC structs of the 20 largest systems per PostgreSQL version
SELECT
  postgresql_version,
  COUNT(DISTINCT system_id) AS systems,
  ARRAY_AGG(rbac_stats IGNORE NULLS ORDER BY rbac_stats.users DESC LIMIT 20) AS largest
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY postgresql_version
