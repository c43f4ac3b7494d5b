-- leak: ordered-output: the outer ORDER BY uses a column the inner groups hold but the output drops: the release of the largest site
SELECT version, sites FROM (
  SELECT version, COUNT(DISTINCT site_id) AS sites, MAX(environment_count) AS top
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
)
ORDER BY top DESC
LIMIT 1
