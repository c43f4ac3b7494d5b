-- leak: self-exemption: a block-comment exemption for identifier-groups over a GROUP BY site_id
/* privacy: allow identifier-groups because the per-site rows are only used for a histogram downstream */
SELECT
  COUNT(*) AS reports,
  MAX(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY site_id
