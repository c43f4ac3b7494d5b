-- leak: foreign-tables: the PACE query reads the Dropsonde table (another source) in a scalar subquery
SELECT
  operating_system,
  COUNT(DISTINCT id) AS installs,
  (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS puppet_sites
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY operating_system
