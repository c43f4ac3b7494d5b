-- expect: identifier-output, identifier-groups
SELECT TO_JSON_STRING(t) AS report, COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY report
