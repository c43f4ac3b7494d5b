-- leak: counts-of-parts: per site, COUNTIF over n in 1..255 of EXISTS(an octet >= n) equals the last IP octet; the "count" output is that octet
WITH per_site AS (
  SELECT
    site_id,
    ANY_VALUE(SAFE_CAST(SPLIT(ip, '.')[SAFE_OFFSET(3)] AS INT64)) AS host
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  GROUP BY site_id
),
sized AS (
  SELECT
    p.site_id,
    COUNTIF(EXISTS (SELECT 1 FROM UNNEST([p.host]) AS h WHERE h >= n)) AS host_size
  FROM per_site AS p
  CROSS JOIN UNNEST(GENERATE_ARRAY(1, 255)) AS n
  GROUP BY p.site_id
)
SELECT host_size, COUNT(*) AS sites
FROM sized
GROUP BY host_size
