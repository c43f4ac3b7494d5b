-- leak: ordering: FIRST_VALUE(users) OVER (PARTITION BY day ORDER BY system_id) is the user count of the system with the smallest id each day
SELECT
  day,
  COUNT(DISTINCT system_id) AS systems,
  MAX(first_users) AS users_of_first_system
FROM (
  SELECT
    system_id,
    DATE(timestamp) AS day,
    FIRST_VALUE(rbac_stats.users) OVER (PARTITION BY DATE(timestamp) ORDER BY system_id) AS first_users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
GROUP BY day
