-- leak: open-bucket: MAX(users) of the bucket '100+' is the largest system's user count
SELECT
  CASE WHEN rbac_stats.users <= 5 THEN '0-5' WHEN rbac_stats.users <= 100 THEN '6-100' ELSE '100+' END AS users_bucket,
  MAX(rbac_stats.users) AS max_users,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY users_bucket
HAVING COUNT(DISTINCT system_id) >= 5
