-- leak: edge-value: MIN over per-release sums of environments: the sum of the smallest release, one site's number when one site runs it
SELECT product, MIN(envs) AS smallest_release_envs
FROM (
  SELECT product, version, SUM(environment_count) AS envs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  GROUP BY product, version
)
GROUP BY product
