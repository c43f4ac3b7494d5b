-- expect: none
SELECT product, COUNT(*) AS reports, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY ALL
