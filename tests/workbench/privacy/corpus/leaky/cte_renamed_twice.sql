-- expect: identifier-output
WITH a AS (SELECT ip AS x, product FROM `bto-dataops-datalake-prod.dujour.community_metrics`),
b AS (SELECT x AS y, product FROM a)
SELECT product, MAX(y) AS addr
FROM b
GROUP BY product
