-- leak: ordering: QUALIFY ROW_NUMBER() OVER (PARTITION BY postgresql_version ORDER BY system_id DESC) = 1 keeps one system per version; the sums are that system's numbers
WITH picked AS (
  SELECT postgresql_version, rbac_stats, online_workers
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY postgresql_version ORDER BY system_id DESC) = 1
)
SELECT
  postgresql_version,
  SUM(rbac_stats.users) AS users,
  SUM(online_workers.processes) AS workers
FROM picked
GROUP BY postgresql_version
