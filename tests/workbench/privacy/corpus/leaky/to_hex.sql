-- expect: identifier-output, identifier-groups
SELECT TO_HEX(site_id) AS site, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY site
