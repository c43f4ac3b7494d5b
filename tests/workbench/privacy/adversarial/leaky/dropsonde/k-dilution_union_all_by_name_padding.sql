-- leak: k-dilution: UNION ALL BY NAME adds padding rows (reports = 0) pairing every observed combination with every site, so COUNT(DISTINCT site_id) is 300 per group while SUM(reports) is one site's
WITH real_rows AS (
  SELECT site_id, environment_count, ARRAY_LENGTH(modules) AS module_count, 1 AS reports
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
),
padding AS (
  SELECT c.module_count, 0 AS reports, p.site_id, c.environment_count
  FROM (SELECT DISTINCT environment_count, module_count FROM real_rows) AS c
  CROSS JOIN (SELECT DISTINCT site_id FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS p
)
SELECT
  environment_count,
  module_count,
  SUM(reports) AS reports,
  COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT site_id, environment_count, module_count, reports FROM real_rows
  UNION ALL BY NAME
  SELECT module_count, reports, site_id, environment_count FROM padding
)
GROUP BY environment_count, module_count
