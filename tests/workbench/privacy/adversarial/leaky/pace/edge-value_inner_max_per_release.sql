-- leak: edge-value: MAX of a counter per release in a subquery, summed per OS: the sum of the heaviest installs' counters
SELECT operating_system, SUM(top) AS top_sum, SUM(installs) AS release_installs
FROM (
  SELECT operating_system, cli_version, MAX(p.cumulative_count) AS top, COUNT(DISTINCT id) AS installs
  FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY operating_system, cli_version
)
GROUP BY operating_system
HAVING SUM(installs) >= 5
