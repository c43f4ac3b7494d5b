-- leak: dp-contamination: the chosen site's value is cross-joined inside the derived table the DP select reads
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  product,
  SUM(n, contribution_bounds_per_group => (0, 10000)) AS chosen_times_sites
FROM (
  SELECT a.site_id, a.product, b.n
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
  CROSS JOIN (SELECT ARRAY_LENGTH(modules) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568) AS b
)
GROUP BY product
