-- question: Median modules per site, differentially private: the median number of public
--   modules a site has installed, over the sites that reported in the last week, with
--   BigQuery's differential privacy (each site's value clamped to 0..200, the DP library's
--   quantile tree with Laplace noise). One row.
-- example: date=2026-11-15, median_modules=14.8
-- personal data: no, one noisy median over all sites
-- sanitization: site_id is the privacy unit; differential privacy (epsilon 4, delta 1e-5,
--   max_groups_contributed 1) bounds what any one site can change (at most 5 of its reports
--   count), and BigQuery drops the result if too few sites reported.
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 4, delta = 1e-5, max_groups_contributed = 1, privacy_unit_column = site_id)
  CURRENT_DATE() AS date,
  PERCENTILE_CONT(ARRAY_LENGTH(modules), 0.5, contribution_bounds_per_row => (0, 200))
    AS median_modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
