-- leak: counts-of-parts: JOIN UNNEST(GENERATE_ARRAY(0, 255)) o ON o = octet (four times) outputs numbers taken from the generated range that equal the IP octets
SELECT
  o1, o2, o3, o4,
  COUNT(DISTINCT t.site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS o1 ON o1 = SAFE_CAST(SPLIT(t.ip, '.')[SAFE_OFFSET(0)] AS INT64)
JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS o2 ON o2 = SAFE_CAST(SPLIT(t.ip, '.')[SAFE_OFFSET(1)] AS INT64)
JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS o3 ON o3 = SAFE_CAST(SPLIT(t.ip, '.')[SAFE_OFFSET(2)] AS INT64)
JOIN UNNEST(GENERATE_ARRAY(0, 255)) AS o4 ON o4 = SAFE_CAST(SPLIT(t.ip, '.')[SAFE_OFFSET(3)] AS INT64)
WHERE t.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY o1, o2, o3, o4
