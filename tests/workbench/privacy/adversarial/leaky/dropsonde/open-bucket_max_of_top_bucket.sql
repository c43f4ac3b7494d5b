-- leak: open-bucket: MAX(environment_count) of the open-ended bucket '500+' is the largest site's exact number
WITH latest AS (
  SELECT site_id, environment_count FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
SELECT
  CASE WHEN environment_count < 10 THEN '0-9' WHEN environment_count < 100 THEN '10-99'
       WHEN environment_count < 500 THEN '100-499' ELSE '500+' END AS bucket,
  MAX(environment_count) AS largest,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY bucket
HAVING COUNT(DISTINCT site_id) >= 5
