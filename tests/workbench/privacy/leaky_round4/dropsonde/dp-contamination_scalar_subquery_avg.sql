-- leak: dp-contamination: a scalar subquery averaging one chosen site's module count, in every unit's row of a DP average
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  product,
  AVG((SELECT AVG(ARRAY_LENGTH(modules)) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568), contribution_bounds_per_group => (0, 10000)) AS chosen
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
