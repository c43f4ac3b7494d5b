-- leak: time-window: one day's systems inside a users bucket: a subgroup the threshold does not count
SELECT DIV(rbac_stats.users, 50) AS users_50,
  COUNT(DISTINCT system_id) AS systems,
  COUNTIF(DATE(timestamp) = DATE '2026-11-14') AS posts_on_14th
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY users_50
HAVING COUNT(DISTINCT system_id) >= 5
