-- expect: identifier-output, row-level
SELECT s
FROM (SELECT ARRAY_AGG(site_id) AS ids FROM `bto-dataops-datalake-prod.dujour.community_metrics`), UNNEST(ids) AS s
