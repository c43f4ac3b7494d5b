-- leak: row-per-report: SELECT DISTINCT of per-post attributes without any aggregate is the post list
SELECT DISTINCT
  DATE(timestamp) AS day,
  postgresql_version,
  rbac_stats.users,
  rbac_stats.groups,
  online_workers.processes AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
