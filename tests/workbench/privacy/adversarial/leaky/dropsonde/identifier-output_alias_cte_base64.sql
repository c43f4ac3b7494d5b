-- leak: identifier-output: site_id renamed twice through CTEs (installation, then ref) and output as TO_BASE64(ref)
WITH installs AS (
  SELECT site_id AS installation, environment_count FROM `bto-dataops-datalake-prod.dujour.community_metrics`
),
refs AS (
  SELECT installation AS ref, environment_count FROM installs
)
SELECT TO_BASE64(ref) AS site_ref, MAX(environment_count) AS environments
FROM refs
GROUP BY site_ref
