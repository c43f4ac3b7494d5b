-- leak: packed-cell: ARRAY_CONCAT_AGG(dependencies) concatenates every site's private dependency list into one cell per week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT site_id) AS sites,
  ARRAY_CONCAT_AGG(dependencies) AS all_dependencies
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY week
