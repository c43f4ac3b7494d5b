-- leak: identifier-output: TO_JSON_STRING of a whole subquery row includes message_id and site_id (hex) in the output
SELECT
  version,
  ANY_VALUE(TO_JSON_STRING(r)) AS example_report
FROM (
  SELECT version, message_id, TO_HEX(site_id) AS site, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
) AS r
GROUP BY version
