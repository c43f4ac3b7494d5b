-- leak: implicit-flow: joins every upload with a literal hex alphabet ON SUBSTR(id, pos, 1) = ch and re-assembles the first 8 characters of the install id from the alphabet side
WITH rebuilt AS (
  SELECT
    t.id AS install,
    STRING_AGG(ch, '' ORDER BY pos) AS install_tag
  FROM `pace-telemetry-prod.cli.pace_telemetry` AS t
  CROSS JOIN UNNEST(GENERATE_ARRAY(1, 8)) AS pos
  JOIN UNNEST(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS ch
    ON SUBSTR(t.id, pos, 1) = ch
  GROUP BY install
)
SELECT install_tag, COUNT(*) AS installs
FROM rebuilt
GROUP BY install_tag
