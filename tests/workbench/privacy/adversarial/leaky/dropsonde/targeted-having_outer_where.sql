-- leak: targeted-having: the outer WHERE sites <= 2 on an aggregated subquery keeps only one- and two-site dependency groups
SELECT dependency, sites
FROM (
  SELECT d.name AS dependency, COUNT(DISTINCT site_id) AS sites
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(dependencies) AS d
  GROUP BY dependency
)
WHERE sites <= 2
