-- safe: systems by number of distinct days they posted in the last 14 days, buckets of at least 5 systems
WITH per_system AS (
  SELECT system_id, COUNT(DISTINCT DATE(timestamp)) AS days_posted
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
  GROUP BY system_id
)
SELECT
  CASE
    WHEN days_posted <= 2 THEN '1-2 days'
    WHEN days_posted <= 7 THEN '3-7 days'
    ELSE '8-14 days'
  END AS days_bucket,
  MIN(days_posted) AS min_days,
  COUNT(DISTINCT system_id) AS systems
FROM per_system
GROUP BY days_bucket
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY min_days
