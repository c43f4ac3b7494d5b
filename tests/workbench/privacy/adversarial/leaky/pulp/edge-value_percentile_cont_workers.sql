-- leak: edge-value: PERCENTILE_CONT at 1 per PostgreSQL version is the largest system's exact worker count
SELECT DISTINCT
  postgresql_version,
  PERCENTILE_CONT(online_workers.processes, 1) OVER (PARTITION BY postgresql_version) AS most_workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
