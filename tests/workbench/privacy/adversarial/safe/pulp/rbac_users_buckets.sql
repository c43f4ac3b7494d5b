-- safe: systems by number of RBAC users (latest post of the last 14 days), in buckets of at least 5 systems
WITH latest AS (
  SELECT system_id, rbac_stats.users AS users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
    AND rbac_stats.users IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
)
SELECT
  CASE
    WHEN users <= 1 THEN '0-1'
    WHEN users <= 5 THEN '2-5'
    WHEN users <= 20 THEN '6-20'
    WHEN users <= 100 THEN '21-100'
    ELSE '100+'
  END AS users_bucket,
  MIN(users) AS min_users,
  COUNT(DISTINCT system_id) AS systems
FROM latest
GROUP BY users_bucket
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY min_users
