-- expect: identifier-output, identifier-groups
SELECT site_id, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY site_id
