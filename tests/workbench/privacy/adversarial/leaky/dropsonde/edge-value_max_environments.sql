-- leak: edge-value: MAX of a numeric private attribute is the one biggest site's exact value
SELECT MAX(environment_count) AS biggest, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
