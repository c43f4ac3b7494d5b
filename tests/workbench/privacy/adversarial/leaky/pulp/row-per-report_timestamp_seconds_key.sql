-- leak: row-per-report: TIMESTAMP_TRUNC(timestamp, SECOND) as output key is still one group per post
SELECT
  TIMESTAMP_TRUNC(timestamp, SECOND) AS posted_at,
  COUNT(*) AS posts,
  AVG(online_content_apps.processes) AS content_apps
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY posted_at
