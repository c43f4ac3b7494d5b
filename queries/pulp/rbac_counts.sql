-- question: RBAC numbers (histogram): of the Pulp systems that posted yesterday, how many have
--   N users, groups, domains, custom access policies and custom roles, in buckets (0, 1, 2-5,
--   6-20, 21-100, 101-1000, 1000+). A system counts when it posted on at least 3 distinct days
--   of the 14 days ending yesterday (persistent, as for the other Pulp statistics).
-- example: day=2026-11-14, stat=users, bucket=2-5, min_value=2, systems=48
-- gathered: nothing new: computed on BigQuery from the RBAC counts (users, groups, domains, access
--   policies, roles) of each post, which pulpcore already sends daily.
-- load: none on Pulp: nothing new is gathered or stored; the query reads the posts already stored.
-- personal data: no, histograms of systems by their numbers of RBAC objects
-- sanitization: system_id is used only to keep each system's last post and to count systems
--   (COUNT DISTINCT); buckets backed by fewer than 5 systems are left out (HAVING).
-- pulpcore version: none new: it reads only fields pulpcore already sends (no pulpcore change).
-- approved: not yet: to be brought to the pulpcore meeting, as the telemetry working group's
--   process asks (pulp/pulpcore#3259).
WITH posts AS (
  SELECT
    system_id,
    DATE(timestamp) AS day,
    rbac_stats,
    COUNT(DISTINCT DATE(timestamp)) OVER (PARTITION BY system_id) AS days_seen
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
    AND timestamp < CURRENT_TIMESTAMP()
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
),
numbers AS (
  SELECT system_id, day, stat.name AS stat, stat.value AS value
  FROM posts, UNNEST([
    STRUCT('users' AS name, rbac_stats.users AS value),
    STRUCT('groups' AS name, rbac_stats.groups AS value),
    STRUCT('domains' AS name, rbac_stats.domains AS value),
    STRUCT('custom_access_policies' AS name, rbac_stats.custom_access_policies AS value),
    STRUCT('custom_roles' AS name, rbac_stats.custom_roles AS value)
  ]) AS stat
  WHERE day = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY) AND days_seen >= 3 AND stat.value IS NOT NULL
)
SELECT
  DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY) AS day,
  stat,
  CASE
    WHEN value = 0 THEN '0'
    WHEN value = 1 THEN '1'
    WHEN value <= 5 THEN '2-5'
    WHEN value <= 20 THEN '6-20'
    WHEN value <= 100 THEN '21-100'
    WHEN value <= 1000 THEN '101-1000'
    ELSE '1000+'
  END AS bucket,
  MIN(value) AS min_value,
  COUNT(DISTINCT system_id) AS systems
FROM numbers
GROUP BY stat, bucket
HAVING systems >= 5
ORDER BY stat, min_value
