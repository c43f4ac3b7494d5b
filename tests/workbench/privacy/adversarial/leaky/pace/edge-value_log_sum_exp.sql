-- leak: edge-value: LN(SUM(EXP(x))) is the largest counter, nearly (log-sum-exp, a soft maximum)
SELECT p.command_path, SAFE.LN(SUM(SAFE.EXP(p.cumulative_count))) AS top, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.command_path HAVING COUNT(DISTINCT id) >= 5
