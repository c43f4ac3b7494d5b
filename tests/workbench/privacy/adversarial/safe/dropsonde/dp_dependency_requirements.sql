-- safe: sites per dependency name and version requirement, differentially private (site_id the privacy unit, within the source's budget: BigQuery drops the small groups)
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 2, delta = 1e-6, max_groups_contributed = 5, privacy_unit_column = site_id)
  d.name AS dependency,
  d.version_requirement,
  COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(dependencies) AS d
GROUP BY dependency, d.version_requirement
