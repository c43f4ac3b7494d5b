-- leak: small-groups: GROUP BY dependency name and version requirement (private metadata of a site's own modules): most groups are one site
SELECT
  d.name AS dependency,
  d.version_requirement,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(dependencies) AS d
GROUP BY dependency, d.version_requirement
