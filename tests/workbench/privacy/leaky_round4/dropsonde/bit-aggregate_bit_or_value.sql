-- leak: bit-aggregate: BIT_OR of the number: its top bit bounds the largest site's value
SELECT version, BIT_OR(environment_count) AS any_bits
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
