-- leak: complement-size: the week's systems beside those with fewer than 5000 users: the difference is the few largest systems
SELECT
  COUNT(DISTINCT system_id) AS systems,
  (SELECT COUNT(DISTINCT system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND rbac_stats.users < 5000) AS below_5000
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
