-- leak: small-groups: a system's exact first-seen date with its PostgreSQL version gives groups of one or two systems
WITH seen AS (
  SELECT system_id, MIN(DATE(timestamp)) AS first_seen, ANY_VALUE(postgresql_version) AS pg
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  GROUP BY system_id
)
SELECT first_seen, pg, COUNT(*) AS systems
FROM seen
GROUP BY first_seen, pg
