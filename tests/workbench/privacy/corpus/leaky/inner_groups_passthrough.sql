-- expect: identifier-groups
SELECT n
FROM (
  SELECT COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY site_id
)
