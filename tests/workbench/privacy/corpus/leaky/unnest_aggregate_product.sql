-- expect: row-level
SELECT p
FROM (SELECT ARRAY_AGG(product) AS ps FROM `bto-dataops-datalake-prod.dujour.community_metrics`), UNNEST(ps) AS p
