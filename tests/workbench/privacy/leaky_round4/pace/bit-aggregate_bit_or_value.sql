-- leak: bit-aggregate: BIT_OR of the counters: bounds the largest
SELECT cli_version, BIT_OR(mp.cumulative_count) AS any_bits
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS mp
GROUP BY cli_version
HAVING COUNT(DISTINCT id) >= 5
