-- leak: self-exemption: "allow row-level" for a per-upload listing
-- privacy: allow row-level because uploads are anonymous
SELECT timestamp, cli_version, operating_system
FROM `pace-telemetry-prod.cli.pace_telemetry`
