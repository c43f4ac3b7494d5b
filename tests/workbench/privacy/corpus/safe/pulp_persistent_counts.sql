-- expect: none
WITH daily AS (
  SELECT system_id, DATE(timestamp) AS day
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  GROUP BY system_id, day
),
persistent AS (
  SELECT system_id, day
  FROM daily
  WHERE TRUE
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT day, COUNT(DISTINCT system_id) AS systems
FROM persistent
GROUP BY day
