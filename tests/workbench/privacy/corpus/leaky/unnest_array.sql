-- expect: identifier-output, identifier-groups
SELECT x, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST([site_id, CAST(ip AS BYTES)]) AS x
GROUP BY x
