-- leak: guarded-error: COALESCE evaluates LN(0) only where the counter is NULL
SELECT cli_version, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE COALESCE(NULLIF(p.cumulative_count, 4711), LN(0)) IS NOT NULL OR TRUE GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
