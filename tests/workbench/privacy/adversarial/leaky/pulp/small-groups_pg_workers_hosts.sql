-- leak: small-groups: PostgreSQL version with exact worker and content-app process/host numbers is a per-system profile
SELECT
  postgresql_version,
  online_workers.processes AS worker_processes,
  online_workers.hosts AS worker_hosts,
  online_content_apps.processes AS content_processes,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY postgresql_version, worker_processes, worker_hosts, content_processes
