-- leak: foreign-tables: joins the PACE telemetry table (another source) to Pulp posts by day
SELECT DATE(p.timestamp) AS day, COUNT(DISTINCT p.system_id) AS systems, COUNT(DISTINCT t.id) AS installs
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
LEFT JOIN `pace-telemetry-prod.cli.pace_telemetry` AS t ON DATE(t.timestamp) = DATE(p.timestamp)
GROUP BY day
