-- leak: targeted-having: QUALIFY COUNT(*) OVER (PARTITION BY slug) = 1 on per-site rows keeps modules installed on a single site; the outer aggregate then describes that site
WITH site_modules AS (
  SELECT DISTINCT site_id, m.slug, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
),
unique_modules AS (
  SELECT slug, environment_count
  FROM site_modules
  WHERE slug IS NOT NULL
  QUALIFY COUNT(*) OVER (PARTITION BY slug) = 1
)
SELECT slug, MAX(environment_count) AS environments, COUNT(*) AS sites
FROM unique_modules
GROUP BY slug
