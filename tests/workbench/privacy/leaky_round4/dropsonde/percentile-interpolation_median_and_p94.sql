-- leak: percentile-interpolation: a median and a 0.94 percentile of a small partition: their interpolation recovers the top values
WITH p AS (
  SELECT site_id, product,
    PERCENTILE_CONT(ARRAY_LENGTH(modules), 0.5) OVER (PARTITION BY product) AS p50,
    PERCENTILE_CONT(ARRAY_LENGTH(modules), 0.94) OVER (PARTITION BY product) AS p94,
    PERCENTILE_CONT(ARRAY_LENGTH(modules), 0.93) OVER (PARTITION BY product) AS p93
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT product, AVG(p50) AS median, AVG(p94) AS p94, AVG(p93) AS p93
FROM p
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
