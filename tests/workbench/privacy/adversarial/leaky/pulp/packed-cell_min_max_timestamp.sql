-- leak: packed-cell: MIN(timestamp) per core version is the full-precision time of the first post running that version (one system's post)
SELECT
  c.version AS core_version,
  COUNT(DISTINCT system_id) AS systems,
  MIN(timestamp) AS first_post,
  MAX(timestamp) AS last_post
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE c.name = 'core'
GROUP BY core_version
