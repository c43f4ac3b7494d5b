-- question: Age of Pulp systems (histogram): of the persistent systems that posted yesterday, how
--   many were first seen N days before, in buckets (0-6, 7-13, 14-29, 30-59, 60-89, 90+ days).
--   A system is persistent when it posted on at least 3 distinct days of the 14 days ending
--   yesterday (Pulp keeps raw posts 14 days), so CI runs and trial installs do not count.
-- example: day=2026-11-14, age_bucket=30-59 days, min_age_days=30, systems=18
-- gathered: nothing new: computed on BigQuery from the system_id and the time of each post, which
--   pulpcore already sends daily.
-- load: none on Pulp: nothing new is gathered or stored; the query reads the posts already stored.
-- personal data: no, a histogram of systems by the age of their first post
-- sanitization: system_id is used only to find each system's first post and to count systems
--   (COUNT DISTINCT); buckets backed by fewer than 5 systems are left out (HAVING).
-- pulpcore version: none new: it reads only fields pulpcore already sends (no pulpcore change).
-- approved: not yet: to be brought to the pulpcore meeting, as the telemetry working group's
--   process asks (pulp/pulpcore#3259).
WITH seen AS (
  SELECT
    system_id,
    MIN(DATE(timestamp)) AS first_seen,
    MAX(DATE(timestamp)) AS last_seen,
    COUNT(DISTINCT IF(
      DATE(timestamp) >= DATE_SUB(CURRENT_DATE(), INTERVAL 14 DAY), DATE(timestamp), NULL
    )) AS recent_days
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp < CURRENT_TIMESTAMP()
  GROUP BY system_id
),
aged AS (
  SELECT
    system_id,
    DATE_DIFF(last_seen, first_seen, DAY) AS age_days
  FROM seen
  WHERE last_seen = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY) AND recent_days >= 3
)
SELECT
  DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY) AS day,
  CASE
    WHEN age_days < 7 THEN '0-6 days'
    WHEN age_days < 14 THEN '7-13 days'
    WHEN age_days < 30 THEN '14-29 days'
    WHEN age_days < 60 THEN '30-59 days'
    WHEN age_days < 90 THEN '60-89 days'
    ELSE '90+ days'
  END AS age_bucket,
  MIN(age_days) AS min_age_days,
  COUNT(DISTINCT system_id) AS systems
FROM aged
GROUP BY age_bucket
HAVING systems >= 5
ORDER BY min_age_days
