-- leak: counts-of-parts: per system, COUNTIF over n in 0..255 of EXISTS(FORMAT('%02x', n) <= first two id characters) is the id's first byte + 1
WITH sized AS (
  SELECT
    p.system_id,
    ANY_VALUE(p.postgresql_version) AS pg,
    COUNTIF(EXISTS (SELECT 1 FROM UNNEST([SUBSTR(p.system_id, 1, 2)]) AS prefix WHERE FORMAT('%02x', n) <= prefix)) AS first_byte
  FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
  CROSS JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS n
  WHERE p.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
  GROUP BY p.system_id
)
SELECT first_byte, pg, COUNT(*) AS systems
FROM sized
GROUP BY first_byte, pg
