-- expect: none
SELECT c.platform, SUM(c.count) AS declarations
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(class_platforms) AS c
GROUP BY c.platform
