-- leak: filter-combination: COUNTIF on a release inside groups keyed by module slug: the cell is the count of a release x module pair
SELECT m.slug, COUNT(DISTINCT site_id) AS sites, COUNT(DISTINCT IF(t.version = '0.0.6', site_id, NULL)) AS on_0_0_6
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
GROUP BY m.slug
HAVING COUNT(DISTINCT site_id) >= 5
