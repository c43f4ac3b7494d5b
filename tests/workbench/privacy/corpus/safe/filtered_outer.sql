-- expect: none
SELECT *
FROM (
  SELECT m.slug, COUNT(DISTINCT site_id) AS sites
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
  GROUP BY m.slug
)
WHERE sites >= 5
