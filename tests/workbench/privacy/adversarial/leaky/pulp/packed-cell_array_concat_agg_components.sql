-- leak: packed-cell: ARRAY_CONCAT_AGG(components) concatenates every system's component list of the day into one array
SELECT
  DATE(timestamp) AS day,
  ARRAY_CONCAT_AGG(components) AS all_components
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY day
