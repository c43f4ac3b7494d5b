-- leak: timing-tie: a gap to the previous report of any site, under a second: pairs of sites reporting together
WITH g AS (
  SELECT site_id, version,
    TIMESTAMP_DIFF(timestamp, LAG(timestamp) OVER (ORDER BY timestamp), MICROSECOND) AS gap
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, COUNTIF(gap < 1000000) AS close_to_another, COUNT(DISTINCT site_id) AS sites
FROM g
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
