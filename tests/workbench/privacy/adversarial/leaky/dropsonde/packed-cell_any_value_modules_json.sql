-- leak: packed-cell: ANY_VALUE(TO_JSON_STRING(modules)) returns one real site's complete module list per platform, passed off as a "sample"
SELECT
  cp.platform,
  COUNT(DISTINCT site_id) AS sites,
  ANY_VALUE(TO_JSON_STRING(modules)) AS sample_inventory
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(class_platforms) AS cp
GROUP BY cp.platform
