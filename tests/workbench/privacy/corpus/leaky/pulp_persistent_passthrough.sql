-- expect: identifier-output, row-level
WITH persistent AS (
  SELECT system_id, DATE(timestamp) AS day
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  GROUP BY system_id, day
)
SELECT day, system_id AS who
FROM persistent
GROUP BY day, who
