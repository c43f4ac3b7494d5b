-- leak: small-groups: every key is a public module slug, but the average number of environments of a slug used by one site is that site's number
SELECT
  m.slug,
  AVG(environment_count) AS mean_environments,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
GROUP BY m.slug
