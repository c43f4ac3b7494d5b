-- leak: implicit-flow: EXISTS(... STARTS_WITH(id, c)) tests over literal character sets become flags; four flags pick a 1-in-16 cohort per install, joined with CLI version and OS
WITH flagged AS (
  SELECT
    id,
    cli_version,
    operating_system,
    IF(EXISTS (SELECT 1 FROM UNNEST(['8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS c WHERE STARTS_WITH(id, c)), 'H', 'L')
      || IF(EXISTS (SELECT 1 FROM UNNEST(['4', '5', '6', '7', 'c', 'd', 'e', 'f']) AS c WHERE STARTS_WITH(id, c)), 'H', 'L')
      || IF(EXISTS (SELECT 1 FROM UNNEST(['2', '3', '6', '7', 'a', 'b', 'e', 'f']) AS c WHERE STARTS_WITH(id, c)), 'H', 'L')
      || IF(EXISTS (SELECT 1 FROM UNNEST(['1', '3', '5', '7', '9', 'b', 'd', 'f']) AS c WHERE STARTS_WITH(id, c)), 'H', 'L') AS cohort
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
SELECT cohort, cli_version, operating_system, COUNT(DISTINCT id) AS installs
FROM flagged
GROUP BY cohort, cli_version, operating_system
