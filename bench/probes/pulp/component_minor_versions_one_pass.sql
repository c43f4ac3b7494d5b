-- A system's last post of each day; persistent: posts on at least 3 of the 14 days ending then.
-- The hand-written query in one pass (bench/handwritten/pulp is in batches of systems).
WITH posts AS (
  SELECT system_id, CAST("timestamp" AS DATE) AS day, components
  FROM pulp_analytics
  WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 70 DAY
  QUALIFY row_number() OVER (
    PARTITION BY system_id, CAST("timestamp" AS DATE) ORDER BY "timestamp" DESC) = 1
),
persistent AS (
  SELECT system_id, day, components
  FROM posts
  QUALIFY count(*) OVER (
    PARTITION BY system_id ORDER BY day
    RANGE BETWEEN INTERVAL 13 DAY PRECEDING AND CURRENT ROW) >= 3
)
SELECT day, c.name AS component, regexp_extract(c.version, '^[0-9]+\.[0-9]+') AS version, count(DISTINCT system_id) AS systems
FROM (
  SELECT system_id, day, unnest(components) AS c
  FROM persistent
  WHERE day >= DATE '2026-11-15' - INTERVAL 56 DAY
)
GROUP BY ALL
ORDER BY day, component, version
