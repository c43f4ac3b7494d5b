-- leak: identifier-groups: grouping by the first three IP octets (a /24 network) is almost one group per site
SELECT
  CONCAT(SPLIT(ip, '.')[SAFE_OFFSET(0)], '.', SPLIT(ip, '.')[SAFE_OFFSET(1)], '.', SPLIT(ip, '.')[SAFE_OFFSET(2)]) AS network,
  COUNT(DISTINCT site_id) AS sites,
  AVG(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY network
