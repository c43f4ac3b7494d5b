-- leak: side-channel: the CAST fails (Bad int64 value) exactly when some site has 568 environments
SELECT
  version,
  SUM(CAST(IF(environment_count = 568, 'no', '1') AS INT64)) AS reports,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
