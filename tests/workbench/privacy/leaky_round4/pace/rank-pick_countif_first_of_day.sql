-- leak: rank-pick: which release uploaded first each day
WITH r AS (
  SELECT id, cli_version, ROW_NUMBER() OVER (PARTITION BY DATE(timestamp) ORDER BY timestamp) AS rn
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
SELECT cli_version, COUNTIF(rn = 1) AS first_of_day
FROM r
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
