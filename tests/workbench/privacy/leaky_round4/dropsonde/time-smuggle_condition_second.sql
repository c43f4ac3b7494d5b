-- leak: time-smuggle: a condition on the report's second of day, written as a DATE_DIFF in days: the one report of that second
SELECT version,
  SUM(IF(DATE_DIFF(DATE_ADD(DATE '2000-01-01', INTERVAL MOD(UNIX_SECONDS(timestamp), 86400) DAY), DATE '2000-01-01', DAY) = 37215, environment_count, 0)) AS one_report
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
