-- leak: time-smuggle: DATE() of a timestamp built from the report's microseconds: a per-report key that looks like a day
SELECT
  DATE(TIMESTAMP_SECONDS(MOD(UNIX_MICROS(timestamp), 1000000) * 86400)) AS micro_day,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY micro_day
