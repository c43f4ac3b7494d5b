-- leak: identifier-output: a scalar subquery returns MAX(system_id) of the largest deployments next to daily counts
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  (SELECT MAX(system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE rbac_stats.users > 500) AS biggest
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
