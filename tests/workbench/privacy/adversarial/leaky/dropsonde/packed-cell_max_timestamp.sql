-- leak: packed-cell: MAX(timestamp) and MIN(timestamp) per version return full-precision report times (per-report values) that pinpoint single reports
SELECT
  version,
  COUNT(DISTINCT site_id) AS sites,
  MIN(timestamp) AS first_report,
  MAX(timestamp) AS last_report
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
