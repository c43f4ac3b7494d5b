-- leak: approx-sketch: an HLL sketch of private numbers: the hashes of the values themselves
SELECT version, HLL_COUNT.INIT(environment_count) AS sketch
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
