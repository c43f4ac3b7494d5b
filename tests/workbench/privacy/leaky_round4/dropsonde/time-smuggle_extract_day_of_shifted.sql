-- leak: time-smuggle: EXTRACT(DAYOFYEAR) of a date shifted by the report's second: a fine time inside a coarse function
SELECT version,
  EXTRACT(DAYOFYEAR FROM DATE_ADD(DATE '2001-01-01', INTERVAL MOD(UNIX_SECONDS(timestamp), 365) DAY)) AS bucket,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, bucket
