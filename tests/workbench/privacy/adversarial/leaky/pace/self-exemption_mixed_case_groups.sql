-- leak: self-exemption: a mixed-case "Privacy: Allow identifier-groups" exemption over GROUP BY id
-- Privacy: Allow identifier-groups because the id is not output
SELECT COUNT(*) AS uploads, MAX(ARRAY_LENGTH(metric_points)) AS counters
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY id
