-- expect: identifier-output
SELECT COUNT(*) AS reports,
  (SELECT MAX(site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS newest
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
