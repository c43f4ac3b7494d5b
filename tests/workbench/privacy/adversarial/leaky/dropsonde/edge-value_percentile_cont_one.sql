-- leak: edge-value: PERCENTILE_CONT(x, 1) is the maximum
SELECT DISTINCT PERCENTILE_CONT(environment_count, 1) OVER () AS top
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
