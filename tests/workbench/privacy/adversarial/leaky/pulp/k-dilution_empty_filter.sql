-- leak: k-dilution: WHERE postgresql_version >= 170000 is empty on the fake data (no PostgreSQL 17) but selects the few early adopters in production, grouped by private numbers
SELECT
  postgresql_version,
  online_workers.processes AS workers,
  rbac_stats.users AS users,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE postgresql_version >= 170000
GROUP BY postgresql_version, workers, users
