-- leak: percentile-disc: PERCENTILE_DISC at 0.9 is the largest value of any group of fewer than 10 sites
WITH p AS (
  SELECT site_id, version,
    PERCENTILE_DISC(environment_count, 0.9) OVER (PARTITION BY version) AS p90
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, AVG(p90) AS p90, COUNT(DISTINCT site_id) AS sites
FROM p
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
