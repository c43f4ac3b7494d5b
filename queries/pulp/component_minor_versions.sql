-- question: Component x.y versions per day: for each of the last 56 days, how many persistent
--   Pulp systems run each x.y version of each component, all z (patch) releases folded together.
--   A system is persistent on a day when it posted on at least 3 distinct days of the 14 days
--   ending that day (Pulp keeps raw posts 14 days), so CI runs and trial installs do not count.
-- example: day=2026-11-14, component=rpm, version=3.31, systems=33
-- gathered: nothing new: computed on BigQuery from the components (name and version) of each post,
--   which pulpcore already sends daily.
-- load: none on Pulp: nothing new is gathered or stored; the query reads the posts already stored.
-- personal data: no, counts of systems per public component release line and day
-- sanitization: system_id is used only to keep one post per system and day and to count
--   systems (COUNT DISTINCT); it is never output.
-- pulpcore version: none new: it reads only fields pulpcore already sends (no pulpcore change).
-- approved: not yet: to be brought to the pulpcore meeting, as the telemetry working group's
--   process asks (pulp/pulpcore#3259).
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, components
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, components
  FROM posts
  WHERE TRUE  -- GoogleSQL's analyzer allows QUALIFY only with WHERE, GROUP BY or HAVING
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT
  day,
  component.name AS component,
  REGEXP_EXTRACT(component.version, r'^[0-9]+\.[0-9]+') AS version,
  COUNT(DISTINCT system_id) AS systems
FROM persistent, UNNEST(components) AS component
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 56 DAY)
GROUP BY day, component, version
ORDER BY day, component, version
