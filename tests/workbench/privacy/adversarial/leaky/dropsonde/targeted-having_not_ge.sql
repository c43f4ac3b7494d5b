-- leak: targeted-having: HAVING NOT (COUNT(DISTINCT site_id) >= 5) is the inverted threshold, keeping only small groups
SELECT
  cp.platform,
  environment_count,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(class_platforms) AS cp
GROUP BY cp.platform, environment_count
HAVING NOT (COUNT(DISTINCT site_id) >= 5)
