-- leak: wrapping: ARRAY_AGG(DISTINCT ip) lists the addresses of a release's sites
SELECT version, ARRAY_AGG(DISTINCT ip IGNORE NULLS) AS addresses
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
