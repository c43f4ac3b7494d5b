-- leak: packed-cell: APPROX_TOP_COUNT of a private value
SELECT APPROX_TOP_COUNT(environment_count, 300) AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`
