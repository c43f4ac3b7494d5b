-- leak: packed-cell: ARRAY_AGG of whole rows with LIMIT
SELECT version, ARRAY_AGG(t LIMIT 1) AS one FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t GROUP BY version
