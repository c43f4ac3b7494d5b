-- expect: identifier-output, row-level
SELECT DISTINCT product,
  FIRST_VALUE(site_id) OVER (PARTITION BY product ORDER BY timestamp) AS first_site
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
