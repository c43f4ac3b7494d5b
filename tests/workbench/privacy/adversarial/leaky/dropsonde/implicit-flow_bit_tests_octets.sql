-- leak: implicit-flow: each IP octet is rebuilt from eight IF(MOD(DIV(octet, 2^k), 2) = 1, 2^k, 0) bit tests, so the output integers come from literals chosen by tests on ip
WITH octets AS (
  SELECT
    site_id,
    environment_count,
    SAFE_CAST(SPLIT(ip, '.')[SAFE_OFFSET(0)] AS INT64) AS o1,
    SAFE_CAST(SPLIT(ip, '.')[SAFE_OFFSET(1)] AS INT64) AS o2,
    SAFE_CAST(SPLIT(ip, '.')[SAFE_OFFSET(2)] AS INT64) AS o3,
    SAFE_CAST(SPLIT(ip, '.')[SAFE_OFFSET(3)] AS INT64) AS o4
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
),
rebuilt AS (
  SELECT
    site_id,
    environment_count,
    (SELECT SUM(IF(MOD(DIV(o1, 1 << k), 2) = 1, 1 << k, 0)) FROM UNNEST(GENERATE_ARRAY(0, 7)) AS k) AS net_a,
    (SELECT SUM(IF(MOD(DIV(o2, 1 << k), 2) = 1, 1 << k, 0)) FROM UNNEST(GENERATE_ARRAY(0, 7)) AS k) AS net_b,
    (SELECT SUM(IF(MOD(DIV(o3, 1 << k), 2) = 1, 1 << k, 0)) FROM UNNEST(GENERATE_ARRAY(0, 7)) AS k) AS net_c,
    (SELECT SUM(IF(MOD(DIV(o4, 1 << k), 2) = 1, 1 << k, 0)) FROM UNNEST(GENERATE_ARRAY(0, 7)) AS k) AS net_d
  FROM octets
)
SELECT
  net_a, net_b, net_c, net_d,
  COUNT(DISTINCT site_id) AS sites,
  AVG(environment_count) AS avg_environments
FROM rebuilt
GROUP BY net_a, net_b, net_c, net_d
