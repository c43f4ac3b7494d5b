-- leak: row-per-report: GROUP BY day and per-post numbers with no aggregate at the outermost level outputs the posts themselves
select
  date(timestamp) as day,
  postgresql_version,
  online_workers.hosts as worker_hosts,
  rbac_stats.custom_access_policies as policies
from `pulp-analytics-prod.analytics.pulp_analytics`
group by day, postgresql_version, worker_hosts, policies
