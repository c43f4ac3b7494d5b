-- leak: bit-aggregate: BIT_AND of the negated number: the common bits, the max's complement
SELECT version, BIT_AND(~environment_count) AS common
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
