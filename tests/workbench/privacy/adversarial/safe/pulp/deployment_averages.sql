-- safe: daily average online workers and content apps (processes and hosts) over all persistent systems, last 28 days
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, online_workers, online_content_apps
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, online_workers, online_content_apps
  FROM posts
  WHERE day IS NOT NULL
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT
  day,
  COUNT(DISTINCT system_id) AS systems,
  ROUND(AVG(online_workers.processes), 2) AS avg_worker_processes,
  ROUND(AVG(online_workers.hosts), 2) AS avg_worker_hosts,
  ROUND(AVG(online_content_apps.processes), 2) AS avg_content_app_processes,
  ROUND(AVG(online_content_apps.hosts), 2) AS avg_content_app_hosts
FROM persistent
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 28 DAY)
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY day
