-- leak: packed-cell: STRING_AGG(TO_JSON_STRING(components)) packs every post's component list into one cell per day
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  STRING_AGG(TO_JSON_STRING(components), ';') AS stacks
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
