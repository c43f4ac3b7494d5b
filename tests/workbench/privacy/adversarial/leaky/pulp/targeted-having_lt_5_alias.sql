-- leak: targeted-having: HAVING systems < 5 on PostgreSQL versions returns only the rare versions with the workers of their few systems
SELECT
  postgresql_version,
  COUNT(DISTINCT system_id) AS systems,
  AVG(online_workers.processes) AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING systems < 5
