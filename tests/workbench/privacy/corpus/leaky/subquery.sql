-- expect: identifier-output, identifier-groups
SELECT addr, COUNT(*) AS reports
FROM (SELECT ip AS addr FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY addr
