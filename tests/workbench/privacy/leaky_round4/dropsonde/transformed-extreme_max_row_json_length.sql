-- leak: transformed-extreme: MAX(LENGTH(TO_JSON_STRING(t))): the largest report's size
SELECT version, MAX(LENGTH(TO_JSON_STRING(t))) AS largest_report
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
