-- leak: foreign-tables: a CTE named community_metrics shadows the table name and hides ip inside a column called product
WITH community_metrics AS (
  SELECT site_id, ip AS product, version
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT product, COUNT(DISTINCT site_id) AS sites
FROM community_metrics
GROUP BY product
