-- leak: window-carry: LAST_VALUE of hosts over the whole table in time order: the latest post's host count in every row
SELECT ANY_VALUE(h) AS latest_hosts, COUNT(DISTINCT system_id) AS systems
FROM (
  SELECT system_id, LAST_VALUE(online_content_apps.hosts) OVER (ORDER BY timestamp ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS h
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
HAVING COUNT(DISTINCT system_id) >= 5
