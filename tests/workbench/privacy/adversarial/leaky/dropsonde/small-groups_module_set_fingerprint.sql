-- leak: small-groups: each slug is public, but the MD5 of a site's sorted set of slugs is a per-site fingerprint; grouping by it gives groups of one
SELECT
  module_set,
  COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT
    site_id,
    TO_HEX(MD5((SELECT STRING_AGG(m.slug, ',' ORDER BY m.slug) FROM UNNEST(modules) AS m))) AS module_set
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY module_set
