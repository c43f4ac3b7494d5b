-- leak: ordering: NTILE(60) OVER (ORDER BY system_id) forms id-ordered cohorts of 5 systems; each passes k=5 but is defined by the identifier's order
WITH latest AS (
  SELECT system_id, rbac_stats.users AS users, online_workers.processes AS workers
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
)
SELECT
  cohort,
  COUNT(DISTINCT system_id) AS systems,
  AVG(users) AS avg_users,
  AVG(workers) AS avg_workers
FROM (SELECT *, NTILE(60) OVER (ORDER BY system_id) AS cohort FROM latest)
GROUP BY cohort
