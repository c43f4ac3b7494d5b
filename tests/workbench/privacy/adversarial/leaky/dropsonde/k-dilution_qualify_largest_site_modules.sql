-- leak: k-dilution: module slugs are public, but QUALIFY keeps only the reports of the site with the most environments, so the output is that site's module list
SELECT
  m.slug,
  COUNT(*) AS reports
FROM (
  SELECT modules
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  QUALIFY environment_count = MAX(environment_count) OVER ()
), UNNEST(modules) AS m
GROUP BY m.slug
