-- leak: small-groups: module slug and class platform are each public, but their pairs come from one site's two lists: a rare pair is that site's
SELECT
  m.slug,
  cp.platform,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m, UNNEST(class_platforms) AS cp
GROUP BY m.slug, cp.platform
