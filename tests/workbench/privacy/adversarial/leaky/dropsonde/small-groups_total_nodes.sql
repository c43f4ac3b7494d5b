-- leak: small-groups: a site's exact total node count (SUM of classes.count) and platform are a fingerprint
SELECT
  nodes,
  platform,
  COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT
    site_id,
    (SELECT SUM(c.count) FROM UNNEST(classes) AS c) AS nodes,
    (SELECT MAX(cp.platform) FROM UNNEST(class_platforms) AS cp) AS platform
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY nodes, platform
