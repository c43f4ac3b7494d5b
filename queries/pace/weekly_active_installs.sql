-- question: Weekly active installs: how many distinct PACE CLI installs uploaded telemetry in each
--   of the eleven full weeks before the current one (weeks start on Sunday), and how many of them
--   uploaded for the first time that week.
-- example: week=2026-11-08, installs=241, new_installs=9
-- personal data: no, counts of installs per week
-- sanitization: id is only counted (COUNT DISTINCT) and used to find each install's first upload;
--   nothing else about an install is output.
WITH uploads AS (
  SELECT
    id,
    DATE_TRUNC(DATE(timestamp), WEEK) AS week,
    MIN(DATE_TRUNC(DATE(timestamp), WEEK)) OVER (PARTITION BY id) AS first_week
  FROM `pace-telemetry-prod.cli.pace_telemetry`
  WHERE timestamp < CURRENT_TIMESTAMP()
)
SELECT
  week,
  COUNT(DISTINCT id) AS installs,
  COUNT(DISTINCT IF(week = first_week, id, NULL)) AS new_installs
FROM uploads
WHERE week >= DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 11 WEEK)
GROUP BY week
ORDER BY week
