-- leak: small-groups: the numbers of classes, unused modules and unused classes together give groups of one site
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  ARRAY_LENGTH(classes) AS class_count,
  ARRAY_LENGTH(unused_modules) AS unused_module_count,
  ARRAY_LENGTH(unused_classes) AS unused_class_count,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY week, class_count, unused_module_count, unused_class_count
