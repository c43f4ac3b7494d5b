-- expect: row-level
SELECT product, COUNT(*) OVER (PARTITION BY product) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
