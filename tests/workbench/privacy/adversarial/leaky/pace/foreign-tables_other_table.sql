-- leak: foreign-tables: joins a users table of the same project on the install id
SELECT u.email_domain, COUNT(DISTINCT t.id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
JOIN `pace-telemetry-prod.cli.install_owners` AS u ON u.id = t.id
GROUP BY u.email_domain
