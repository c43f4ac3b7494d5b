-- leak: exp-base: SUM(2^count): the largest counter through log2
SELECT operating_system, LOG(SUM(SAFE.POW(2.0, mp.cumulative_count)), 2) AS soft_max
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY operating_system
HAVING COUNT(DISTINCT id) >= 5
