-- leak: rank-pick: the users of the top-ranked system per day
WITH r AS (
  SELECT system_id, DATE(timestamp) AS day, rbac_stats.users AS users,
    ROW_NUMBER() OVER (PARTITION BY DATE(timestamp) ORDER BY rbac_stats.users DESC) AS rk
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT day, SUM(IF(rk = 1, users, 0)) AS top_users
FROM r
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
