-- leak: counts-of-parts: ARRAY_LENGTH(GENERATE_ARRAY(1, octet)) turns each IP octet into a "count", so the four output counts are the site's IP address
WITH latest AS (
  SELECT site_id, SPLIT(ip, '.') AS parts
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  ARRAY_LENGTH(GENERATE_ARRAY(1, SAFE_CAST(parts[SAFE_OFFSET(0)] AS INT64))) AS hosts_a,
  ARRAY_LENGTH(GENERATE_ARRAY(1, SAFE_CAST(parts[SAFE_OFFSET(1)] AS INT64))) AS hosts_b,
  ARRAY_LENGTH(GENERATE_ARRAY(1, SAFE_CAST(parts[SAFE_OFFSET(2)] AS INT64))) AS hosts_c,
  ARRAY_LENGTH(GENERATE_ARRAY(1, SAFE_CAST(parts[SAFE_OFFSET(3)] AS INT64))) AS hosts_d,
  COUNT(*) AS sites
FROM latest
GROUP BY hosts_a, hosts_b, hosts_c, hosts_d
