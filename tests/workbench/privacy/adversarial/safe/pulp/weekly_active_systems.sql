-- safe: distinct systems that posted in each of the last twelve weeks
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT system_id) AS systems,
  COUNT(*) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week
ORDER BY week
