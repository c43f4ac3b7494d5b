-- safe: number of persistent systems and of all posting systems per day, last 28 days
WITH posts AS (
  SELECT
    system_id,
    DATE(timestamp) AS day,
    COUNT(*) OVER (
      PARTITION BY system_id ORDER BY UNIX_DATE(DATE(timestamp)) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
    ) AS posts_in_14_days
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 42 DAY)
)
SELECT
  day,
  COUNT(DISTINCT system_id) AS posting_systems,
  COUNTIF(posts_in_14_days >= 3) AS persistent_posts
FROM posts
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 28 DAY)
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY day
