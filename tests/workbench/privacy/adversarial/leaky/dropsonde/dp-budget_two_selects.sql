-- leak: dp-budget: two DP selects each within budget spend twice the budget
SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 4, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  environment_count, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count
UNION ALL
SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 4, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  environment_count, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count
