-- leak: self-exemption: "privacy: allow identifier-output" granted by the author to list install ids
-- privacy: allow identifier-output because install ids are random and carry no personal data
SELECT id, MAX(cli_version) AS cli_version
FROM `pace-telemetry-prod.cli.pace_telemetry`
GROUP BY id
