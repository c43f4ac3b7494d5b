-- leak: hash-output: BIT_XOR of module-set hashes: all sites' sets folded, one unknown site's set by elimination
SELECT version, BIT_XOR(FARM_FINGERPRINT(TO_JSON_STRING(modules))) AS folded
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
