-- question: Module usage by slug, differentially private: how many sites reported each public
--   Forge module (author-name slug) in the last week, with BigQuery's differential privacy
--   (each site counted at most once per module and in at most 10 modules, Laplace noise, small
--   groups dropped). One row per slug.
-- example: date=2026-11-15, slug=puppetlabs-stdlib, sites=1828
-- personal data: no, noisy counts of sites per public module
-- sanitization: site_id is the privacy unit; differential privacy (epsilon 4, delta 1e-5,
--   max_groups_contributed 10) bounds what any one site can change, and BigQuery drops the
--   groups too small to publish.
SELECT WITH DIFFERENTIAL_PRIVACY
    OPTIONS (epsilon = 4, delta = 1e-5, max_groups_contributed = 10, privacy_unit_column = site_id)
  CURRENT_DATE() AS date,
  modules.slug,
  COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS modules
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY modules.slug
ORDER BY sites DESC, slug
