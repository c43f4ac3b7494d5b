-- leak: time-smuggle: the post's second of day as a DATE_DIFF in days
SELECT
  DATE_DIFF(DATE_ADD(DATE '2000-01-01', INTERVAL MOD(UNIX_SECONDS(timestamp), 86400) DAY), DATE '2000-01-01', DAY) AS second_of_day,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY second_of_day
