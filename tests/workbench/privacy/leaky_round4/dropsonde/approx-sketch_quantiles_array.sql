-- leak: approx-sketch: the whole APPROX_QUANTILES array: its last element is the max
SELECT version, APPROX_QUANTILES(environment_count, 4) AS quartiles
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
