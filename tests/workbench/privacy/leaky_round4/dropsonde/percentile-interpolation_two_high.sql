-- leak: percentile-interpolation: two percentiles interpolating between the top two values of a group of 5..11 solve for the largest
WITH per_site AS (
  SELECT site_id, version, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
),
p AS (
  SELECT site_id, version,
    PERCENTILE_CONT(environment_count, 0.9) OVER (PARTITION BY version) AS p90,
    PERCENTILE_CONT(environment_count, 0.95) OVER (PARTITION BY version) AS p95
  FROM per_site
)
SELECT version, AVG(p90) AS p90, AVG(p95) AS p95, COUNT(DISTINCT site_id) AS sites
FROM p
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
