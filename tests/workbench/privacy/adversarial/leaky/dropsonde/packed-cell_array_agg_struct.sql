-- leak: packed-cell: ARRAY_AGG(STRUCT(environment_count, module count, version)) returns one element per report, i.e. the row-level data inside an array
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT site_id) AS sites,
  ARRAY_AGG(STRUCT(environment_count AS envs, ARRAY_LENGTH(modules) AS mods, version) ORDER BY environment_count DESC) AS profile
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY week
