-- leak: dp-contamination: MAX(x) OVER () puts the largest site's value in every row before the DP boundary
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  product,
  AVG(top, contribution_bounds_per_group => (0, 100000)) AS largest
FROM (SELECT site_id, product, MAX(environment_count) OVER () AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY product
