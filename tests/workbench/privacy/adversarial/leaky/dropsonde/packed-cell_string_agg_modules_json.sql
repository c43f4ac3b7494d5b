-- leak: packed-cell: STRING_AGG(TO_JSON_STRING(modules)) packs every site's full module list into one cell per Dropsonde version
SELECT
  version,
  COUNT(DISTINCT site_id) AS sites,
  STRING_AGG(TO_JSON_STRING(modules), '\n') AS inventories
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY version
