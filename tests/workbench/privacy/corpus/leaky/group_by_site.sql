-- expect: identifier-groups
SELECT COUNT(*) AS reports, ARRAY_LENGTH(ANY_VALUE(modules)) AS modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY site_id
