-- leak: row-per-report: GROUP BY timestamp (full precision) yields one row per post with its RBAC numbers
SELECT
  timestamp,
  SUM(rbac_stats.users) AS users,
  SUM(online_workers.processes) AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY timestamp
