-- leak: hash-output: MAX of a hash of one site's module set: a fingerprint of one site
SELECT version, MAX(FARM_FINGERPRINT(TO_JSON_STRING(modules))) AS one_site_modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
