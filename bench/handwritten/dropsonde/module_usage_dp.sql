-- module_usage_dp by hand: BigQuery's differential privacy (epsilon 4 over the count and the
-- implicit unit count: 2 each; 10 groups per site: Laplace scale 10 * 1 / 2 = 5; delta 1e-5:
-- a slug needs a noisy site count of 67) with the workbench's keyed noise written out: a
-- site's number and a slug's number are 63 bits of an MD5, each site keeps the 10 slugs with
-- the smallest draws (52 bits of the MD5 of 'stream:site:slug'), Laplace noise by inversion
-- of the uniform of 'stream:slug:0'. The streams are the translation's on the 100,000-site
-- dataset (its seed and the query's text).
WITH bounded AS (
  SELECT slug, g, least(greatest(n, 0), 1) AS n
  FROM (
    SELECT slug, site_id, n,
      CAST(md5_number(site_id) >> 65 AS BIGINT) AS u,
      CAST(md5_number(to_json({'_dp_k0': slug})) >> 65 AS BIGINT) AS g
    FROM (
      SELECT m.slug AS slug, site_id, count(*) AS n
      FROM (
        SELECT site_id, unnest(modules) AS m
        FROM community_metrics
        WHERE "timestamp" >= TIMESTAMPTZ '2026-11-08 00:00:00+00' AND site_id IS NOT NULL
      )
      GROUP BY ALL
    )
  )
  QUALIFY row_number() OVER (
    PARTITION BY site_id
    ORDER BY CAST(md5_number('0f0e080b716d9e7aebfdb0b1d32263cb:' || u || ':' || g) >> 76 AS BIGINT)
  ) <= 10
), per_slug AS (
  SELECT slug, count(*) AS units, sum(n) AS total,
    (CAST(md5_number('79b8c16878bd2a23d0b1b1e6a33cb356:' || min(g) || ':0') >> 76 AS DOUBLE) + 0.5)
      * 2.220446049250313e-16 - 0.5 AS unit_noise,
    (CAST(md5_number('c1c4cdb4600b9cc848efe5ff25d62113:' || min(g) || ':0') >> 76 AS DOUBLE) + 0.5)
      * 2.220446049250313e-16 - 0.5 AS count_noise
  FROM bounded
  GROUP BY slug
)
SELECT DATE '2026-11-15' AS date, slug, sites
FROM (
  SELECT slug,
    CAST(round(units + -5.0 * sign(unit_noise) * ln(1 - 2 * abs(unit_noise))) AS BIGINT) AS noisy_units,
    CAST(round(total + -5.0 * sign(count_noise) * ln(1 - 2 * abs(count_noise))) AS BIGINT) AS sites
  FROM per_slug
)
WHERE noisy_units >= 67
ORDER BY sites DESC, slug NULLS FIRST
