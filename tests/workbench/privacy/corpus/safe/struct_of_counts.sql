-- expect: none
SELECT STRUCT(COUNT(*) AS reports, COUNT(DISTINCT site_id) AS sites) AS totals
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
