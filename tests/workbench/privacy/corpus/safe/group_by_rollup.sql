-- expect: none
SELECT product, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY ROLLUP (product)
