-- safe: sites per Dropsonde release, differentially private over a subquery that passes site_id on unchanged (the privacy unit is still the site)
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 2, delta = 1e-6, max_groups_contributed = 2, privacy_unit_column = site_id)
  version,
  COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites
FROM (
  SELECT site_id, version
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
)
GROUP BY version
