-- leak: open-bucket: MIN(ARRAY_LENGTH(modules)) of the bucket 'under 50' and MAX of '50+' give the two edge sites' module counts
SELECT
  IF(ARRAY_LENGTH(modules) < 50, 'under 50', '50+') AS bucket,
  MIN(ARRAY_LENGTH(modules)) AS fewest,
  MAX(ARRAY_LENGTH(modules)) AS most,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY bucket
HAVING COUNT(DISTINCT site_id) >= 5
