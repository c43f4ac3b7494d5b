-- leak: packed-cell: an uncorrelated ARRAY(SELECT JSON_OBJECT(...)) subquery packs every report's private attributes into a single output cell
SELECT
  (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS sites,
  ARRAY(
    SELECT TO_JSON_STRING(JSON_OBJECT('environments', environment_count, 'modules', ARRAY_LENGTH(modules), 'unused', ARRAY_LENGTH(unused_modules)))
    FROM `bto-dataops-datalake-prod.dujour.community_metrics`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  ) AS samples
