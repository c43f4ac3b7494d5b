-- expect: row-level
SELECT timestamp, product, version
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
