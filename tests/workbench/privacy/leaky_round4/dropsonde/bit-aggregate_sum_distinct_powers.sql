-- leak: bit-aggregate: SUM(DISTINCT 2^x): the set of distinct values, as bits
SELECT product, SUM(DISTINCT SAFE.POW(2.0, LEAST(environment_count, 1000))) AS value_set
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
