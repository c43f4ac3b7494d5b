-- expect: source-tables
SELECT COUNT(*) AS n
FROM `bto-dataops-datalake-prod.dujour.other_metrics`
