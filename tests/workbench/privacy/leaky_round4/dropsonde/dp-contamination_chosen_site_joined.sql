-- leak: dp-contamination: one site's module count (picked by a private value) joined into every site's row, then a DP sum: n times that value plus noise
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  a.product,
  SUM(b.n, contribution_bounds_per_group => (0, 10000)) AS chosen_times_sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
CROSS JOIN (SELECT ARRAY_LENGTH(modules) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568) AS b
GROUP BY a.product
