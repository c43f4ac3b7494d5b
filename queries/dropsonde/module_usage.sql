-- question: Module usage by slug and version: how many sites reported each public Forge module
--   (author-name slug) at each version in the last week. One row per (slug, version).
-- example: date=2026-11-15, slug=puppetlabs-stdlib, version=9.6.0, sites=1830
-- personal data: no, counts of sites per public module version
-- sanitization: site_id is only counted (COUNT DISTINCT); Dropsonde reports only public Forge
--   modules, so private module names never reach the table.
SELECT
  CURRENT_DATE() AS date,
  modules.slug,
  modules.version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS modules
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY modules.slug, modules.version
ORDER BY sites DESC, slug, version
