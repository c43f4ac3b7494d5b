-- leak: identifier-groups: each site's first report time (full precision MIN(timestamp)) is 1:1 with the site; grouping by it gives a row per site
WITH first_seen AS (
  SELECT site_id, MIN(timestamp) AS first_report, MAX(environment_count) AS envs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  GROUP BY site_id
)
SELECT first_report, COUNT(*) AS sites, SUM(envs) AS environments
FROM first_seen
GROUP BY first_report
