-- leak: wrapping: TO_JSON_STRING of the table alias inside ARRAY_AGG: every column of a report, ip and site_id included
SELECT version, ARRAY_AGG(TO_JSON_STRING(t) LIMIT 1) AS sample, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
