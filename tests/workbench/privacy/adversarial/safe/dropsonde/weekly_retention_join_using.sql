-- safe: sites that reported in a week and again the following week (self-join USING (site_id) on one row per site and week)
WITH weekly AS (
  SELECT site_id, DATE_TRUNC(DATE(timestamp), WEEK) AS week
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
  GROUP BY site_id, week
)
SELECT
  this_week.week,
  COUNT(DISTINCT site_id) AS retained_sites
FROM weekly AS this_week
JOIN weekly AS next_week USING (site_id)
WHERE next_week.week = DATE_ADD(this_week.week, INTERVAL 1 WEEK)
GROUP BY this_week.week
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY this_week.week
