-- leak: small-groups: WITH DIFFERENTIAL_PRIVACY with epsilon = 1e20 and delta near 1 removes the noise and keeps every group: each (dependency, requirement) pair of a single site is published exactly
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1e20, delta = 0.99999, max_groups_contributed = 50, privacy_unit_column = site_id)
  d.name AS dependency,
  d.version_requirement,
  COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(dependencies) AS d
GROUP BY dependency, d.version_requirement
