-- leak: bit-aggregate: BIT_OR(1 << x): one bit per distinct value, the exact set of the sites' numbers
SELECT version, BIT_OR(1 << LEAST(ARRAY_LENGTH(modules), 62)) AS module_counts_present
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
