-- expect: identifier-groups
SELECT product, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY ROLLUP (product, site_id)
