-- leak: dp-unit: message_id renamed site_id: one privacy unit per report
SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 2, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id)
  environment_count, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n
FROM (SELECT message_id AS site_id, environment_count FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY environment_count
