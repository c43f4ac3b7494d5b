-- safe: sites by how many weekly reports they sent in twelve weeks (per-site counts in an inner GROUP BY, bucketed, buckets of at least 5 sites)
WITH per_site AS (
  SELECT site_id, COUNT(*) AS reports
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
  GROUP BY site_id
)
SELECT
  CASE
    WHEN reports = 1 THEN '1'
    WHEN reports <= 4 THEN '2-4'
    WHEN reports <= 8 THEN '5-8'
    ELSE '9-12'
  END AS reports_bucket,
  MIN(reports) AS min_reports,
  COUNT(DISTINCT site_id) AS sites
FROM per_site
GROUP BY reports_bucket
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY min_reports
