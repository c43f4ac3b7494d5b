-- leak: side-channel: the weekly job fails exactly when a system with 9999 users exists: one bit about one system, with every output group large
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE IF(rbac_stats.users = 9999, ERROR('found'), TRUE)
GROUP BY day
