-- leak: k-dilution: CROSS JOIN with the set of all sites makes COUNT(DISTINCT everyone.site_id) 300 in every group, while the groups (private attribute combinations) hold one site each
SELECT
  r.environment_count,
  ARRAY_LENGTH(r.modules) AS module_count,
  r.version,
  COUNT(DISTINCT everyone.site_id) AS sites,
  COUNT(*) / COUNT(DISTINCT everyone.site_id) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS r
CROSS JOIN (SELECT site_id FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY site_id) AS everyone
WHERE r.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY r.environment_count, module_count, r.version
