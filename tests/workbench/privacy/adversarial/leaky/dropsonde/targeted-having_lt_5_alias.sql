-- leak: targeted-having: HAVING sites < 5 (through the alias) keeps exactly the groups that are too small to publish
SELECT
  c.name AS class,
  COUNT(DISTINCT site_id) AS sites,
  SUM(c.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(classes) AS c
GROUP BY class
HAVING sites < 5
