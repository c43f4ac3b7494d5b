-- expect: identifier-output, identifier-groups
SELECT s.who, COUNT(*) AS reports
FROM (SELECT STRUCT(site_id AS who, product) AS s FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY 1
