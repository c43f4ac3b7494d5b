-- leak: ordering: DENSE_RANK() OVER (ORDER BY site_id) is a stable pseudonym for each site; grouping by it gives one row per site
WITH numbered AS (
  SELECT
    DENSE_RANK() OVER (ORDER BY site_id) AS site_no,
    environment_count,
    modules
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT
  site_no,
  COUNT(*) AS reports,
  MAX(environment_count) AS environments,
  MAX(ARRAY_LENGTH(modules)) AS modules
FROM numbered
GROUP BY site_no
