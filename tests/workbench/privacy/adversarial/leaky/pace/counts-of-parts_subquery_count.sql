-- leak: counts-of-parts: a correlated COUNT(*) of alphabet positions n with SUBSTR('0123456789abcdef', n, 1) <= the id's k-th character equals that digit + 1; three such counts per install are grouped
SELECT d1, d2, d3, COUNT(DISTINCT id) AS installs
FROM (
  SELECT
    id,
    (SELECT COUNT(*) FROM UNNEST(GENERATE_ARRAY(1, 16)) AS n WHERE SUBSTR('0123456789abcdef', n, 1) <= SUBSTR(id, 1, 1)) AS d1,
    (SELECT COUNT(*) FROM UNNEST(GENERATE_ARRAY(1, 16)) AS n WHERE SUBSTR('0123456789abcdef', n, 1) <= SUBSTR(id, 2, 1)) AS d2,
    (SELECT COUNT(*) FROM UNNEST(GENERATE_ARRAY(1, 16)) AS n WHERE SUBSTR('0123456789abcdef', n, 1) <= SUBSTR(id, 3, 1)) AS d3
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
GROUP BY d1, d2, d3
