-- safe: pairs of public modules installed together in the last week, pairs shared by at least 5 sites
WITH site_modules AS (
  SELECT DISTINCT site_id, m.slug
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
SELECT
  a.slug AS module_a,
  b.slug AS module_b,
  COUNT(DISTINCT a.site_id) AS sites
FROM site_modules AS a
JOIN site_modules AS b
  ON a.site_id = b.site_id AND a.slug < b.slug
GROUP BY module_a, module_b
HAVING COUNT(DISTINCT a.site_id) >= 5
ORDER BY sites DESC, module_a, module_b
