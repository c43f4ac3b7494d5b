-- safe: systems that posted yesterday by days since first seen, in buckets, buckets of at least 5 systems
WITH seen AS (
  SELECT
    system_id,
    MIN(DATE(timestamp)) AS first_seen,
    MAX(DATE(timestamp)) AS last_seen
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp < CURRENT_TIMESTAMP()
  GROUP BY system_id
),
aged AS (
  SELECT system_id, DATE_DIFF(last_seen, first_seen, DAY) AS age_days
  FROM seen
  WHERE last_seen = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)
)
SELECT
  CASE
    WHEN age_days < 7 THEN '0-6 days'
    WHEN age_days < 30 THEN '7-29 days'
    WHEN age_days < 60 THEN '30-59 days'
    ELSE '60+ days'
  END AS age_bucket,
  MIN(age_days) AS min_age_days,
  COUNT(DISTINCT system_id) AS systems
FROM aged
GROUP BY age_bucket
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY min_age_days
