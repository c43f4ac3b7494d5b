-- expect: none
SELECT DATE(timestamp) AS day, AVG(online_workers.processes) AS workers,
  AVG(online_content_apps.hosts) AS content_hosts
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
