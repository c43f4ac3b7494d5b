-- question: Deployment statistics per day: for each of the last 56 days, the number of persistent
--   Pulp systems and their average numbers of online worker processes and hosts and of online
--   content-app processes and hosts. A system is persistent on a day when it posted on at least 3
--   distinct days of the 14 days ending that day (Pulp keeps raw posts 14 days).
-- example: day=2026-11-14, systems=151, avg_worker_processes=5.73, avg_worker_hosts=2.35,
--   avg_content_app_processes=4.1, avg_content_app_hosts=1.86
-- gathered: nothing new: computed on BigQuery from the online worker and content-app counts of
--   each post, which pulpcore already sends daily.
-- load: none on Pulp: nothing new is gathered or stored; the query reads the posts already stored.
-- personal data: no, averages over all persistent systems of a day
-- sanitization: system_id is used only to keep one post per system and day and to count
--   systems (COUNT DISTINCT); each row averages over every persistent system of that day.
-- pulpcore version: none new: it reads only fields pulpcore already sends (no pulpcore change).
-- approved: not yet: to be brought to the pulpcore meeting, as the telemetry working group's
--   process asks (pulp/pulpcore#3259).
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, online_workers, online_content_apps
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, online_workers, online_content_apps
  FROM posts
  WHERE TRUE  -- GoogleSQL's analyzer allows QUALIFY only with WHERE, GROUP BY or HAVING
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
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 56 DAY)
GROUP BY day
ORDER BY day
