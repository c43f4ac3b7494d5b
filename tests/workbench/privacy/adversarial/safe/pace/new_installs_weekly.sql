-- safe: installs active per week and how many of them uploaded for the first time that week (one row per install and week in inner scopes)
WITH install_weeks AS (
  SELECT id, DATE_TRUNC(DATE(timestamp), WEEK) AS week
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp < CURRENT_TIMESTAMP()
  GROUP BY id, week
),
flagged AS (
  SELECT
    id,
    week,
    week = MIN(week) OVER (PARTITION BY id) AS is_first_week
  FROM install_weeks
)
SELECT
  week,
  COUNT(DISTINCT id) AS installs,
  COUNTIF(is_first_week) AS new_installs
FROM flagged
WHERE week >= DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 11 WEEK)
GROUP BY week
HAVING COUNT(DISTINCT id) >= 5
ORDER BY week
