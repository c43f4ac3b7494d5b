-- question: PostgreSQL versions per day: for each of the last 56 days, how many persistent Pulp
--   systems run each PostgreSQL server version. Pulp reports the server's version number
--   (major * 10000 + minor: 130011 is 13.11); the query also gives it as major.minor. A system
--   is persistent on a day when it posted on at least 3 distinct days of the 14 days ending that day.
-- example: day=2026-11-14, postgresql_version=130023, version=13.23, major=13, systems=21
-- gathered: nothing new: computed on BigQuery from the PostgreSQL version number of each post,
--   which pulpcore already sends daily.
-- load: none on Pulp: nothing new is gathered or stored; the query reads the posts already stored.
-- personal data: no, counts of systems per public PostgreSQL release and day
-- sanitization: system_id is used only to keep one post per system and day and to count
--   systems (COUNT DISTINCT); it is never output.
-- pulpcore version: none new: it reads only fields pulpcore already sends (no pulpcore change).
-- approved: not yet: to be brought to the pulpcore meeting, as the telemetry working group's
--   process asks (pulp/pulpcore#3259).
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, postgresql_version
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, postgresql_version
  FROM posts
  WHERE TRUE  -- GoogleSQL's analyzer allows QUALIFY only with WHERE, GROUP BY or HAVING
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT
  day,
  postgresql_version,
  CONCAT(
    CAST(DIV(postgresql_version, 10000) AS STRING), '.',
    CAST(MOD(postgresql_version, 10000) AS STRING)
  ) AS version,
  DIV(postgresql_version, 10000) AS major,
  COUNT(DISTINCT system_id) AS systems
FROM persistent
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 56 DAY)
  AND postgresql_version IS NOT NULL
GROUP BY day, postgresql_version
ORDER BY day, postgresql_version
