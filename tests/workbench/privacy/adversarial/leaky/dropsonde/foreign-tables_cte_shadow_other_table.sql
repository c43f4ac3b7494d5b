-- leak: foreign-tables: a CTE named like the source table actually reads a different table (a site registry)
WITH community_metrics AS (
  SELECT site_id, company AS product, country AS version
  FROM `bto-dataops-datalake-prod.dujour.site_registry`
)
SELECT product, version, COUNT(DISTINCT site_id) AS sites
FROM community_metrics
GROUP BY product, version
