-- leak: time-smuggle: a DATE_DIFF in days of a date moved by the report's second of day: the exact second as a 'day' key
SELECT
  DATE_DIFF(DATE_ADD(DATE '2000-01-01', INTERVAL MOD(UNIX_SECONDS(timestamp), 86400) DAY), DATE '2000-01-01', DAY) AS second_of_day,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY second_of_day
