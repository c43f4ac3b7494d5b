-- leak: packed-cell: ANY_VALUE(TO_JSON_STRING(STRUCT(online_workers, rbac_stats))) publishes one real system's deployment profile per day as a "sample"
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  ANY_VALUE(TO_JSON_STRING(STRUCT(online_workers, online_content_apps, rbac_stats))) AS sample_deployment
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
