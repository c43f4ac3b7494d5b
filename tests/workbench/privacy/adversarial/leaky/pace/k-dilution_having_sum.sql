-- leak: k-dilution: HAVING SUM(cumulative_count) >= 5 is no entity threshold
SELECT mp.cumulative_count, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) mp GROUP BY 1 HAVING SUM(mp.cumulative_count) >= 5
