-- leak: identifier-output: a differentially private query within the budget that groups by ip: the noisy counts are private, the ip keys are not
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 1, delta = 1e-6, privacy_unit_column = site_id)
  ip,
  COUNT(*, contribution_bounds_per_group => (0, 1)) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY ip
