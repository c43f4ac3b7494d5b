-- leak: ordering: NTILE(50) OVER (ORDER BY site_id) cuts sites into id-ordered cohorts of 6; every cohort passes k=5 but is defined by identifier order
WITH latest AS (
  SELECT site_id, environment_count, ARRAY_LENGTH(modules) AS module_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
),
cohorts AS (
  SELECT *, NTILE(50) OVER (ORDER BY site_id) AS cohort
  FROM latest
)
SELECT
  cohort,
  COUNT(DISTINCT site_id) AS sites,
  AVG(environment_count) AS avg_environments,
  AVG(module_count) AS avg_modules
FROM cohorts
GROUP BY cohort
