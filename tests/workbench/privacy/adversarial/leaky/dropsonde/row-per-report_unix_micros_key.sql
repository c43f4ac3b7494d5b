-- leak: row-per-report: UNIX_MICROS(timestamp) as output key is the per-report timestamp at full precision in another form
SELECT
  UNIX_MICROS(timestamp) AS t_us,
  COUNT(DISTINCT site_id) AS sites,
  MAX(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY t_us
