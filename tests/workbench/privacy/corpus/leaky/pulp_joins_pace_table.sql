-- expect: source-tables
SELECT COUNT(DISTINCT p.system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
JOIN `pace-telemetry-prod.cli.pace_telemetry` AS t ON DATE(p.timestamp) = DATE(t.timestamp)
