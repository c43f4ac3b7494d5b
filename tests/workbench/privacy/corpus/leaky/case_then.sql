-- expect: identifier-output
SELECT product,
  MAX(CASE WHEN product = 'puppet' THEN ip ELSE 'none' END) AS addr
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
