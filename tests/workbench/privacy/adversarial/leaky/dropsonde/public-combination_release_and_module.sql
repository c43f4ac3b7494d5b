-- leak: public-combination: the Dropsonde release (a report column) crossed with a module release (a repeated record): a site's own pairing, not a catalogue entry
SELECT
  t.version AS dropsonde_version,
  m.slug,
  m.version AS module_version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m
WHERE t.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY dropsonde_version, m.slug, module_version
