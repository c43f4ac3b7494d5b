-- expect: identifier-output, identifier-groups
SELECT octet, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(SPLIT(ip, '.')) AS octet
GROUP BY octet
