-- leak: small-groups: the sorted list of a site's class platforms plus its environment count is a near-unique profile
SELECT
  platform_mix,
  environment_count,
  COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT
    site_id,
    environment_count,
    (SELECT STRING_AGG(DISTINCT cp.platform, '+' ORDER BY cp.platform) FROM UNNEST(class_platforms) AS cp) AS platform_mix
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY platform_mix, environment_count
