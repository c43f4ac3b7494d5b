-- leak: side-channel: OFFSET fails (index out of range) exactly when some system runs fewer than 12 components
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  COUNTIF(components[OFFSET(11)].name IS NULL) AS odd
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
