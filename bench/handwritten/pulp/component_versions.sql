-- A system's last post of each day; persistent: posts on at least 3 of the 14 days ending then.
-- The systems are taken in 4 batches (hash(system_id) % 4), one after the other (each step of
-- the recursive CTE is one batch): the windows hold one batch's posts at a time. Every window
-- is partitioned by system_id, so each batch holds its systems' posts whole (the QUALIFYs keep
-- the same posts), and a batch's distinct systems are its own. The LEFT JOIN keeps a batch
-- without rows, so the next one still comes. 4 batches: the count the translation picks at
-- 24,000 systems (the one pass: bench/probes/pulp/component_versions_one_pass.sql).
WITH RECURSIVE batches(batch, present, day, component, version, systems) AS (
  SELECT -1, false, NULL::DATE, NULL::VARCHAR, NULL::VARCHAR, NULL::BIGINT
  UNION ALL
  SELECT todo.batch, counts.present, counts.day, counts.component, counts.version,
    counts.systems
  FROM (SELECT DISTINCT batch + 1 AS batch FROM batches WHERE batch + 1 < 4) AS todo
  LEFT JOIN LATERAL (
    WITH posts AS (
      SELECT system_id, CAST("timestamp" AS DATE) AS day, components
      FROM pulp_analytics
      WHERE "timestamp" >= TIMESTAMPTZ '2026-11-15 00:00:00+00' - INTERVAL 70 DAY
        AND hash(system_id) % 4 = todo.batch
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
    SELECT true AS present, day, c.name AS component, c.version AS version,
      count(DISTINCT system_id) AS systems
    FROM (
      SELECT system_id, day, unnest(components) AS c
      FROM persistent
      WHERE day >= DATE '2026-11-15' - INTERVAL 56 DAY
    )
    GROUP BY ALL
  ) AS counts ON true
)
SELECT day, component, version, sum(systems) AS systems
FROM batches
WHERE present
GROUP BY ALL
ORDER BY day, component, version
