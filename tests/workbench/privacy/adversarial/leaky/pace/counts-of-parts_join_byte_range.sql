-- leak: counts-of-parts: LEFT JOIN UNNEST(GENERATE_ARRAY(0, 255)) o ON FORMAT('%02x', o) = SUBSTR(id, 1, 2) outputs the install's first byte as a number from the range
SELECT
  o AS first_byte,
  operating_system,
  COUNT(DISTINCT t.id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
LEFT JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS o ON FORMAT('%02x', o) = SUBSTR(t.id, 1, 2)
GROUP BY first_byte, operating_system
